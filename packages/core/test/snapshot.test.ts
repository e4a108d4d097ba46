import { inspect } from 'node:util';
import { Type } from 'class-transformer';
import { IsInt, IsString, ValidateNested } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { REDACTED, Secret, Section, StrataError, loadConfig, resolveEnvironment } from '@strata/core';
import { fixedSource } from '@strata-internal/test-support';

class Credentials {
  @IsString() user = 'app';
  @Secret() @IsString() password = 'nested-secret-value';
}

@Section('db')
class DbConfig {
  @IsString() url = 'postgres://db';
  @Secret() @IsString() token = 'top-secret-token';
  @Type(() => Credentials) @ValidateNested() credentials = new Credentials();
  @IsString({ each: true }) hosts = ['a'];
}

@Section('other')
class OtherConfig {
  @IsInt() n = 1;
}

describe('snapshot', () => {
  it('types instances read-only all the way down, as they are frozen (a write is a compile error)', async () => {
    const config = await loadConfig({ sections: [DbConfig], sources: [] });
    const db = config.get(DbConfig);
    // Each line below must fail to type-check (tsconfig.test.json runs in CI); at run time each throws.
    expect(() => {
      // @ts-expect-error url is read-only
      db.url = 'x';
    }).toThrow(TypeError);
    expect(() => {
      // @ts-expect-error nested classes are read-only too
      db.credentials.user = 'x';
    }).toThrow(TypeError);
    expect(() => {
      // @ts-expect-error arrays are read-only arrays
      db.hosts.push('b');
    }).toThrow(TypeError);
    expect(() => {
      // @ts-expect-error the snapshot's own get is typed the same way
      config.snapshot.get(DbConfig).hosts[0] = 'b';
    }).toThrow(TypeError);
    // Reading keeps the declared types.
    const url: string = db.url;
    const first: string | undefined = db.hosts[0];
    expect([url, first]).toEqual(['postgres://db', 'a']);
  });

  it('gives typed, deep-frozen instances', async () => {
    const config = await loadConfig({ sections: [DbConfig], sources: [] });
    const db = config.get(DbConfig);
    expect(db).toBeInstanceOf(DbConfig);
    expect(db.credentials).toBeInstanceOf(Credentials);
    expect(config.get(Credentials)).toBe(db.credentials);
    expect(Object.isFrozen(db) && Object.isFrozen(db.credentials) && Object.isFrozen(db.hosts)).toBe(true);
    expect(() => {
      (db as { url: string }).url = 'x';
    }).toThrow(TypeError);
    expect(() => config.get(OtherConfig)).toThrow(
      /OtherConfig is not a configuration class of this configuration/,
    );
    try {
      config.get(OtherConfig);
    } catch (error) {
      expect(StrataError.is(error, 'DEFINITION_INVALID')).toBe(true);
    }
  });

  it('redacts secrets in console.log, util.inspect, JSON.stringify and toJSON, while code reads them', async () => {
    const config = await loadConfig({ sections: [DbConfig], sources: [] });
    const db = config.get(DbConfig);
    expect(db.token).toBe('top-secret-token');
    expect(db.credentials.password).toBe('nested-secret-value');
    const outputs = [
      inspect(db, { depth: 10 }),
      inspect(config, { depth: 10 }),
      inspect(config.snapshot, { depth: 10 }),
      JSON.stringify(db),
      JSON.stringify(config),
      JSON.stringify(config.snapshot),
      JSON.stringify(config.explain('db.token')),
      JSON.stringify(config.explain('db.credentials.password')),
      String(db),
    ];
    for (const text of outputs) {
      expect(text).not.toContain('top-secret-token');
      expect(text).not.toContain('nested-secret-value');
    }
    expect(inspect(db)).toContain(REDACTED);
    expect(JSON.parse(JSON.stringify(config))).toEqual({
      db: {
        url: 'postgres://db',
        token: REDACTED,
        credentials: { user: 'app', password: REDACTED },
        hosts: ['a'],
      },
    });
  });

  it('treats values from a secret origin as secret even without @Secret', async () => {
    const vault = fixedSource('vault', { 'db.url': 'postgres://user:pw-from-vault@db' });
    const original = vault.load.bind(vault);
    vault.load = async (ctx) => {
      const layer = await original(ctx);
      return {
        ...layer,
        entries: layer.entries.map((e) => ({ ...e, origin: { ...e.origin, secret: true } })),
      };
    };
    const config = await loadConfig({ sections: [DbConfig], sources: [vault] });
    expect(config.snapshot.isSecret('db.url')).toBe(true);
    expect(JSON.stringify(config)).not.toContain('pw-from-vault');
    expect(inspect(config.get(DbConfig))).not.toContain('pw-from-vault');
    expect(JSON.stringify(config.explain('db.url'))).not.toContain('pw-from-vault');
    expect(config.get(DbConfig).url).toContain('pw-from-vault');
  });

  it('picks the environment: option, STRATA_ENV, NODE_ENV, development', () => {
    expect(resolveEnvironment('staging', { STRATA_ENV: 'x', NODE_ENV: 'y' })).toBe('staging');
    expect(resolveEnvironment(undefined, { STRATA_ENV: 'x', NODE_ENV: 'y' })).toBe('x');
    expect(resolveEnvironment(undefined, { NODE_ENV: 'y' })).toBe('y');
    expect(resolveEnvironment(undefined, { STRATA_ENV: '' })).toBe('development');
  });
});
