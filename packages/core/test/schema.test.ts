import { inspect } from 'node:util';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import { describe, expect, it } from 'vitest';
import {
  type Constructor,
  Deprecated,
  Description,
  Env,
  Reloadable,
  Secret,
  Section,
  StrataError,
  loadConfig,
} from '@strata/core';
import { readSchema } from '@strata/core/tooling';

enum Mode {
  Fast = 'fast',
  Safe = 'safe',
}

class PoolConfig {
  @IsInt() @Min(1) max = 10;
  @IsInt() @IsOptional() idleMs?: number;
}

class Replica {
  @IsString() host!: string;
  @IsInt() port = 5432;
}

@Section('database')
@Description('The primary database')
class DatabaseConfig {
  @Env('DATABASE_URL') @Description('Connection string') @IsString() url!: string;
  @Secret({ from: ['vault', 'env'] }) @IsString() password!: string;
  @Reloadable(false) @IsInt() @Min(1) @Max(100) poolSize = 10;
  @Type(() => PoolConfig) @ValidateNested() pool = new PoolConfig();
  @Type(() => Replica) @ValidateNested({ each: true }) replicas: Replica[] = [];
  @IsInt({ each: true }) ports: number[] = [];
  @IsEnum(Mode) mode = Mode.Safe;
  @IsIn(['debug', 'info']) level = 'info';
  @Deprecated({ replacedBy: 'database.url', since: '2.0' }) @IsOptional() @IsString() dsn?: string;
  tags: string[] = ['a'];
  enabled = true;
  startsAt = new Date(0);
}

describe('readSchema', () => {
  const schema = readSchema([DatabaseConfig]);

  it('reads leaves with types, defaults and required flags', () => {
    const field = (path: string) => schema.field(path)!;
    expect(field('database.url')).toMatchObject({
      type: 'string',
      required: true,
      hasDefault: false,
      envNames: ['DATABASE_URL'],
      description: 'Connection string',
    });
    expect(field('database.poolSize')).toMatchObject({
      type: 'integer',
      defaultValue: 10,
      required: false,
      reloadable: false,
    });
    expect(field('database.password')).toMatchObject({
      secret: true,
      secretSources: ['vault', 'env'],
      required: true,
    });
    expect(field('database.mode')).toMatchObject({ type: 'enum', enumValues: ['fast', 'safe'] });
    expect(field('database.level')).toMatchObject({ type: 'enum', enumValues: ['debug', 'info'] });
    expect(field('database.ports')).toMatchObject({ type: 'array', itemType: 'integer' });
    expect(field('database.tags')).toMatchObject({ type: 'array', itemType: 'string' });
    expect(field('database.enabled').type).toBe('boolean');
    expect(field('database.startsAt').type).toBe('date');
    expect(field('database.replicas')).toMatchObject({ type: 'array', itemClass: Replica });
    expect(field('database.dsn')).toMatchObject({
      optional: true,
      required: false,
      deprecated: { replacedBy: 'database.url', since: '2.0' },
    });
    expect(
      field('database.poolSize')
        .constraints.map((c) => c.name)
        .sort(),
    ).toEqual(['isInt', 'max', 'min']);
  });

  it('reads nested classes as objects, not leaves', () => {
    expect(schema.object('database.pool')?.cls).toBe(PoolConfig);
    expect(schema.field('database.pool')).toBeUndefined();
    expect(schema.field('database.pool.idleMs')).toMatchObject({ type: 'integer', optional: true });
    expect(schema.objectOf(PoolConfig)?.path).toBe('database.pool');
    expect(schema.sections[0]?.description).toBe('The primary database');
    // Item classes of arrays are not top-level leaves.
    expect(schema.fields.some((f) => f.path.includes('*'))).toBe(false);
  });

  it('refuses definitions that cannot work, with the class named', () => {
    class NoSection {}
    expect(() => readSchema([NoSection])).toThrow(/NoSection.*@Section/);
    @Section('a')
    class A {}
    @Section('a.b')
    class B {}
    expect(() => readSchema([A, B])).toThrow(/overlaps/);
    @Section('args')
    class NeedsArgs {
      constructor(readonly x: number) {
        if (x === undefined) throw new Error('x is required');
      }
    }
    try {
      readSchema([NeedsArgs]);
      expect.unreachable();
    } catch (error) {
      expect(StrataError.is(error, 'DEFINITION_INVALID')).toBe(true);
      expect((error as Error).message).toContain('NeedsArgs must be constructible without arguments');
    }
    expect(() => Section('bad path')).toThrow(/dot-separated identifiers/);
  });

  it('refuses a class that contains itself', () => {
    class Node {
      @Type(() => Node) @ValidateNested() child?: Node;
    }
    @Section('tree')
    class Tree {
      @Type(() => Node) @ValidateNested() root = new Node();
    }
    expect(() => readSchema([Tree])).toThrow(/contains itself/);
  });
});

describe('declaration order', () => {
  it('keeps the order properties are declared in, as far as the compiled class shows it', async () => {
    const { mergeOrders } = await import('../src/schema/merge-orders.js');
    expect(
      mergeOrders([
        ['host', 'port', 'pool'],
        ['url', 'port'],
        ['password', 'pool'],
      ]),
    ).toEqual(['host', 'url', 'port', 'password', 'pool']);
    @Section('mixed')
    class Mixed {
      host = 'localhost';
      @IsString() url!: string;
      port = 5432;
      @Secret() password = 'x';
      @IsInt() @IsOptional() retries?: number;
      tls = false;
    }
    // Compiled as tsc compiles with useDefineForClassFields: false (vitest.config.ts does the same), a field
    // without an initialiser leaves no trace on the instance, so nothing says where `url` and `retries` sit
    // among the initialised fields: each kind keeps its own declaration order, initialised fields first.
    expect(readSchema([Mixed]).fields.map((f) => f.key)).toEqual([
      'host',
      'port',
      'password',
      'tls',
      'url',
      'retries',
    ]);
  });
});

describe('a @Secret default in the schema', () => {
  @Section('vault')
  class VaultConfig {
    @Secret() @IsString() token = 'hunter2-default-token';
    @IsString() address = 'https://vault.local';
  }

  it('never shows when the schema is printed, whatever the options', async () => {
    const config = await loadConfig({ sections: [VaultConfig], sources: [] });
    const outputs = [
      inspect(config.schema, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
      inspect(config.schema, { showHidden: true, getters: true, depth: Number.POSITIVE_INFINITY }),
      inspect(config.schema, { depth: Number.POSITIVE_INFINITY }),
      inspect(config.schema.fields, { showHidden: true }),
      inspect(config.schema.fields, { showHidden: true, getters: true, customInspect: false }),
      inspect(config.schema.field('vault.token'), { showHidden: true, getters: true, showProxy: true }),
      JSON.stringify({ ...config.schema.field('vault.token') }),
      JSON.stringify(config.schema),
      JSON.stringify(config.schema.fields),
      inspect(config, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
    ];
    for (const output of outputs) expect(output).not.toContain('hunter2');
    expect(outputs[0]).toContain('https://vault.local');
    await config.close();
  });

  it('is still the field default for code that asks for it', () => {
    const field = readSchema([VaultConfig]).field('vault.token');
    expect(field?.defaultValue).toBe('hunter2-default-token');
    expect(field?.hasDefault).toBe(true);
  });
});

describe('classes compiled with define semantics for class fields', () => {
  // A JavaScript class field is defined on the instance even without a value: what TypeScript emits for
  // `maybe?: number;` under useDefineForClassFields: true (the default for target ES2022+).
  const defineSemanticsClass = (): Constructor =>
    new Function('return class DefineSemantics { port = 8080; maybe; }')() as Constructor;

  it('refuses a field with no decorator and no default, naming the compiler setting', () => {
    const Cls = defineSemanticsClass();
    Section('probe')(Cls);
    IsInt()(Cls.prototype, 'port');
    expect(() => readSchema([Cls])).toThrow(
      /DefineSemantics\.maybe has no decorator and no default.*useDefineForClassFields: true.*"useDefineForClassFields": false.*@IsOptional\(\)/,
    );
  });

  it('accepts the same class once the field says what it is', () => {
    const Cls = defineSemanticsClass();
    Section('probe2')(Cls);
    IsInt()(Cls.prototype, 'port');
    IsOptional()(Cls.prototype, 'maybe');
    IsInt()(Cls.prototype, 'maybe');
    const field = readSchema([Cls]).field('probe2.maybe');
    expect(field?.required).toBe(false);
  });
});
