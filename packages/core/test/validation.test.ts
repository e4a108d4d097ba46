import { inspect } from 'node:util';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { describe, expect, it } from 'vitest';
import {
  ConfigValidationError,
  type FieldSchema,
  Secret,
  Section,
  StrataError,
  loadConfig,
} from '@strata/core';
import { fixedSource } from '@strata-internal/test-support';

@Section('server')
class ServerConfig {
  @IsString() host = '0.0.0.0';
  @IsInt() @Min(1) @Max(65535) port = 8080;
}

@Section('database')
class DatabaseConfig {
  @IsString() url!: string;
  @Secret() @IsString() @MinLength(12) password!: string;
  @IsInt() @Min(1) @Max(100) poolSize = 10;
}

@Section('log')
class LogConfig {
  @IsIn(['debug', 'info', 'warn', 'error']) level = 'info';
}

const sections = [ServerConfig, DatabaseConfig, LogConfig];

/** Stands in for the env and file sources' "how could this be set" answers. */
const describeEnv = (field: FieldSchema) =>
  `env APP_${field.segments.map((s) => s.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()).join('__')}`;
const describeFile = (field: FieldSchema) => `${field.path} in config/production.yaml`;

describe('validation', () => {
  it('lists every problem at once, each with path, rule, value and origin', async () => {
    const error = (await loadConfig({
      environment: 'production',
      sections,
      sources: [
        fixedSource('file', { 'database.url': 'postgres://db' }, { describe: describeFile }),
        fixedSource('env', { 'SERVER.PORT': '70000' }, { textual: true, describe: describeEnv }),
      ],
    }).catch((e: unknown) => e)) as ConfigValidationError;
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(StrataError.is(error, 'CONFIG_INVALID')).toBe(true);
    expect(error.message).toBe(
      [
        'Configuration for environment "production" is invalid (2 problems):',
        '  server.port: must not be greater than 65535 — got 70000 from env SERVER.PORT',
        '  database.password: is required — not set by any source (env APP_DATABASE__PASSWORD, or database.password in config/production.yaml)',
      ].join('\n'),
    );
    expect(error.issues.map((i) => [i.path, i.constraint])).toEqual([
      ['server.port', 'max'],
      ['database.password', 'required'],
    ]);
  });

  it('redacts a secret that breaks a rule, everywhere', async () => {
    const error = (await loadConfig({
      sections,
      sources: [fixedSource('file', { 'database.url': 'u', 'database.password': 'hunter2' })],
    }).catch((e: unknown) => e)) as ConfigValidationError;
    expect(error.message).toContain(
      'database.password: must be longer than or equal to 12 characters — got [redacted] from file database.password',
    );
    for (const text of [error.message, error.stack ?? '', inspect(error), JSON.stringify(error.issues)]) {
      expect(text).not.toContain('hunter2');
    }
  });

  it('reports conversion problems with the value and origin, and no "required" on top', async () => {
    const error = (await loadConfig({
      sections,
      sources: [
        fixedSource(
          'env',
          { 'server.port': '80eighty', 'database.url': 'u', 'database.password': 'x'.repeat(12) },
          { textual: true },
        ),
      ],
    }).catch((e: unknown) => e)) as ConfigValidationError;
    expect(error.issues).toEqual([
      {
        path: 'server.port',
        message: 'expected a number',
        constraint: 'type',
        severity: 'error',
        origin: { source: 'env', locator: 'server.port' },
        value: '"80eighty"',
      },
    ]);
  });

  it('validates nested classes and arrays of classes', async () => {
    class Pool {
      @IsInt() @Min(1) max = 5;
    }
    class Replica {
      @IsUrl({ require_tld: false }) url!: string;
    }
    @Section('db')
    class Db {
      @Type(() => Pool) @ValidateNested() pool = new Pool();
      @Type(() => Replica) @ValidateNested({ each: true }) replicas: Replica[] = [];
    }
    const error = (await loadConfig({
      sections: [Db],
      sources: [
        fixedSource('file', {
          'db.pool.max': 0,
          'db.replicas': [{ url: 'http://a' }, { url: 'not a url' }, { nope: 1 }],
        }),
      ],
    }).catch((e: unknown) => e)) as ConfigValidationError;
    expect(error.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'db.replicas[2].nope: is not a known setting',
      'db.replicas[1].url: must be a URL address',
      'db.replicas[2].url: is required — not set by any source',
      'db.pool.max: must not be less than 1',
    ]);
    const ok = await loadConfig({
      sections: [Db],
      sources: [fixedSource('file', { 'db.replicas': [{ url: 'http://a' }] })],
    });
    expect(ok.get(Db).replicas[0]).toBeInstanceOf(Replica);
    expect(ok.get(Db).pool).toBeInstanceOf(Pool);
  });

  it('honours IsOptional, ValidateIf, custom constraint classes and async rules', async () => {
    @ValidatorConstraint({ name: 'even' })
    class Even implements ValidatorConstraintInterface {
      validate(value: unknown) {
        return typeof value === 'number' && value % 2 === 0;
      }
      defaultMessage() {
        return '$property must be even';
      }
    }
    @ValidatorConstraint({ name: 'slowCheck', async: true })
    class SlowCheck implements ValidatorConstraintInterface {
      async validate(value: unknown) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return value !== 'forbidden';
      }
      defaultMessage() {
        return 'is forbidden';
      }
    }
    @Section('x')
    class X {
      @IsOptional() @IsInt() maybe?: number;
      @IsString() mode = 'off';
      @ValidateIf((o: X) => o.mode === 'on') @IsString() target?: string;
      @Validate(Even) count = 2;
      @Validate(SlowCheck) word = 'fine';
    }
    await expect(loadConfig({ sections: [X], sources: [] })).resolves.toBeDefined();
    const error = (await loadConfig({
      sections: [X],
      sources: [fixedSource('file', { 'x.mode': 'on', 'x.count': 3, 'x.word': 'forbidden' })],
    }).catch((e: unknown) => e)) as ConfigValidationError;
    expect(error.issues.map((i) => `${i.path}: ${i.message} [${i.constraint}]`)).toEqual([
      'x.target: is required — not set by any source [required]',
      'x.count: must be even [even]',
      'x.word: is forbidden [slowCheck]',
    ]);
  });

  it('with validate: false converts and type-checks but does not enforce rules (for tools that explain)', async () => {
    const lenient = await loadConfig(
      { sections, sources: [fixedSource('env', { 'server.port': '70000' }, { textual: true })] },
      { validate: false },
    );
    expect(lenient.get(ServerConfig).port).toBe(70000);
    expect(lenient.explain('database.password')?.source).toBe('unset');
    await expect(
      loadConfig(
        { sections, sources: [fixedSource('env', { 'server.port': 'eighty' }, { textual: true })] },
        { validate: false },
      ),
    ).rejects.toThrow(/server\.port: expected a number/);
  });

  it('enforces the secret source policy', async () => {
    @Section('api')
    class Api {
      @Secret({ from: ['vault', 'env'] }) @IsString() key!: string;
    }
    const fromFile = (await loadConfig({
      sections: [Api],
      sources: [fixedSource('file', { 'api.key': 'plain' })],
    }).catch((e: unknown) => e)) as ConfigValidationError;
    expect(fromFile.message).toContain(
      'api.key: is a secret and may only come from vault, env, not plain text from file — from file api.key',
    );
    await expect(
      loadConfig({ sections: [Api], sources: [fixedSource('env', { 'api.key': 'k' }, { textual: true })] }),
    ).resolves.toBeDefined();

    @Section('svc')
    class Svc {
      @Secret() @IsString() token!: string;
    }
    const policy = (env: string) => (env === 'production' ? ['vault', 'encrypted'] : undefined);
    await expect(
      loadConfig({
        sections: [Svc],
        environment: 'development',
        secretSources: policy,
        sources: [fixedSource('file', { 'svc.token': 't' })],
      }),
    ).resolves.toBeDefined();
    await expect(
      loadConfig({
        sections: [Svc],
        environment: 'production',
        secretSources: policy,
        sources: [fixedSource('file', { 'svc.token': 't' })],
      }),
    ).rejects.toThrow(/svc.token: is a secret and may only come from vault, encrypted/);
  });
});

describe('a nested configuration class without a decorator of its own', () => {
  class Inner {
    @IsInt() @Min(1) size = 5;
  }

  @Section('outer')
  class Outer {
    inner: Inner = new Inner();
  }

  it('is validated like one with @ValidateNested() @Type(() => Inner)', async () => {
    const error = await loadConfig({
      sections: [Outer],
      sources: [fixedSource('file', { 'outer.inner.size': 0 })],
    }).catch((caught: unknown) => caught);
    expect(ConfigValidationError.is(error)).toBe(true);
    expect((error as ConfigValidationError).issues).toMatchObject([
      { path: 'outer.inner.size', constraint: 'min' },
    ]);
  });

  it('stays an instance of its class when a source sets a value inside it', async () => {
    const config = await loadConfig({
      sections: [Outer],
      sources: [fixedSource('file', { 'outer.inner.size': 3 })],
    });
    const { inner } = config.get(Outer);
    expect(inner).toBeInstanceOf(Inner);
    expect(inner.size).toBe(3);
    expect(config.get(Inner)).toBe(inner);
    await config.close();
  });

  it('leaves an initialiser of a class without configuration metadata a plain value', async () => {
    @Section('plain')
    class WithUrl {
      endpoint: URL = new URL('https://example.test/');
    }
    const config = await loadConfig({ sections: [WithUrl], sources: [] });
    expect(config.schema.field('plain.endpoint')?.type).toBe('object');
    await config.close();
  });
});
