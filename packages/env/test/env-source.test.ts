import { StrataError, UnsafeKeyError } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { envOf, rejectionOf, schemaOf, sourceContext, triples } from '@strata-internal/test-support';
import { envSource } from '../src/index.js';

const schema = schemaOf({
  sections: { database: ['host', 'port', 'poolSize', 'url'], server: ['port'], 'app.http': ['timeout'] },
  envNames: { 'database.url': ['DATABASE_URL', 'DB_URL'], 'server.port': ['PORT'] },
});

async function load(env: Record<string, string | undefined>, options: Parameters<typeof envSource>[0] = {}) {
  return envSource(options).load(sourceContext({ schema, env }));
}

describe('envSource with a prefix', () => {
  it.each([
    ['APP_DATABASE__POOL_SIZE', ['DATABASE', 'POOL_SIZE']],
    ['APP_DATABASE__PORT', ['DATABASE', 'PORT']],
    ['APP_database__poolSize', ['database', 'poolSize']],
    ['APP_APP__HTTP__TIMEOUT', ['APP', 'HTTP', 'TIMEOUT']],
    ['APP_DATABASE___PORT', ['DATABASE', '_PORT']],
    ['APP_SERVER', ['SERVER']],
    ['APP_NOT_IN_SCHEMA__X', ['NOT_IN_SCHEMA', 'X']],
  ])('maps %s to raw segments %j', async (name, path) => {
    const layer = await load({ [name]: '42' }, { prefix: 'APP_' });
    expect(layer.entries).toEqual([{ path, value: '42', origin: { source: 'env', locator: name } }]);
  });

  it('is a textual layer named after the source', async () => {
    const layer = await load({ APP_SERVER__PORT: '1' }, { prefix: 'APP_', name: 'env:app' });
    expect(layer).toMatchObject({ source: 'env:app', textual: true, warnings: [] });
  });

  it('matches the prefix case-sensitively and ignores everything else', async () => {
    const layer = await load(
      { app_SERVER__PORT: '1', PATH: '/bin', HOME: '/root', DATABASE__PORT: '5', APP_SERVER__PORT: '2' },
      { prefix: 'APP_' },
    );
    expect(triples(layer)).toEqual([['SERVER.PORT', '2', 'APP_SERVER__PORT']]);
  });

  it('keeps empty values as empty strings and skips undefined ones', async () => {
    const layer = await load({ APP_DATABASE__PORT: '', APP_DATABASE__HOST: undefined }, { prefix: 'APP_' });
    expect(triples(layer)).toEqual([['DATABASE.PORT', '', 'APP_DATABASE__PORT']]);
  });

  it('uses a custom separator', async () => {
    const layer = await load(
      { APP_DATABASE_POOL: '3', 'APP_SERVER.PORT': '4' },
      { prefix: 'APP_', separator: '.' },
    );
    expect(triples(layer)).toEqual([
      ['DATABASE_POOL', '3', 'APP_DATABASE_POOL'],
      ['SERVER.PORT', '4', 'APP_SERVER.PORT'],
    ]);
  });

  it('orders entries by variable name, so the outcome does not depend on the platform', async () => {
    const layer = await load({ APP_database__port: '2', APP_DATABASE__PORT: '1' }, { prefix: 'APP_' });
    expect(triples(layer).map(([, value]) => value)).toEqual(['1', '2']);
  });

  it('reads ctx.env, not process.env', async () => {
    process.env.APP_STRATA_ENV_TEST__X = 'from process.env';
    try {
      const layer = await load({}, { prefix: 'APP_' });
      expect(layer.entries).toEqual([]);
    } finally {
      delete process.env.APP_STRATA_ENV_TEST__X;
    }
  });

  it('refuses an empty separator when the source is defined', () => {
    let caught: unknown;
    try {
      envSource({ separator: '' });
    } catch (error) {
      caught = error;
    }
    expect(StrataError.is(caught, 'DEFINITION_INVALID')).toBe(true);
    expect((caught as Error).message).toMatch(/separator must not be empty/);
  });
});

describe('envSource: empty segments are an error naming every such variable', () => {
  it.each(['APP_DATABASE____PORT', 'APP_DATABASE__', 'APP___DATABASE', 'APP_'])(
    'refuses %s',
    async (name) => {
      const error = await rejectionOf(load({ [name]: '1', APP_SERVER__PORT: '2' }, { prefix: 'APP_' }));
      expect(StrataError.is(error, 'SOURCE_FAILED')).toBe(true);
      expect((error as Error).message).toContain(name);
      expect((error as Error).message).toContain('empty name segment');
    },
  );

  it('lists all of them in one message and never shows a value', async () => {
    const error = await rejectionOf(
      load({ APP_A____B: 'secret-1', APP_C__: 'secret-2' }, { prefix: 'APP_' }),
    );
    expect(error.message).toMatch(/2 variables have an empty name segment: APP_A____B, APP_C__/);
    expect(error.message).not.toContain('secret');
  });
});

describe('envSource: pollution payloads raise UnsafeKeyError naming the variable', () => {
  it.each([
    'APP____proto____polluted',
    'APP___proto____polluted',
    'APP___proto__',
    'APP_CONSTRUCTOR__PROTOTYPE__POLLUTED',
    'APP_constructor__prototype__polluted',
    'APP___PROTO____POLLUTED',
    'APP_DATABASE__PROTOTYPE',
    'APP_DATABASE____proto____polluted',
  ])('%s', async (name) => {
    const error = await rejectionOf(load(envOf([[name, '1']]), { prefix: 'APP_' }));
    expect(error).toBeInstanceOf(UnsafeKeyError);
    expect(StrataError.is(error, 'UNSAFE_KEY')).toBe(true);
    expect((error as UnsafeKeyError).origin).toEqual({ source: 'env', locator: name });
    expect((error as Error).message).toContain(name);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('also through a custom separator and without a prefix', async () => {
    for (const [env, options] of [
      [envOf([['APP___proto__.polluted', '1']]), { prefix: 'APP_', separator: '.' }],
      [envOf([['DATABASE____proto____polluted', '1']]), {}],
      [envOf([['DATABASE__CONSTRUCTOR', '1']]), {}],
    ] as const) {
      await expect(load(env, options)).rejects.toBeInstanceOf(UnsafeKeyError);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a plain PROTO segment between single separators is an ordinary (unknown) key', async () => {
    const layer = await load({ APP_DATABASE__PROTO: '1' }, { prefix: 'APP_' });
    expect(triples(layer)).toEqual([['DATABASE.PROTO', '1', 'APP_DATABASE__PROTO']]);
  });
});

describe('envSource without a prefix', () => {
  it('reads only variables whose first segment names a top-level section', async () => {
    const layer = await load({
      PATH: '/usr/bin',
      HOME: '/root',
      DATABASE__PORT: '5432',
      database__pool_size: '4',
      DATA_BASE__HOST: 'db',
      DATABASE_PORT: 'not nested',
      APP__HTTP__TIMEOUT: '30',
      SERVER: 'x',
      __proto__x: '1',
    });
    expect(triples(layer)).toEqual([
      ['APP.HTTP.TIMEOUT', '30', 'APP__HTTP__TIMEOUT'],
      ['DATABASE.PORT', '5432', 'DATABASE__PORT'],
      ['DATA_BASE.HOST', 'db', 'DATA_BASE__HOST'],
      ['SERVER', 'x', 'SERVER'],
      ['database.pool_size', '4', 'database__pool_size'],
    ]);
  });

  it('treats an empty prefix as no prefix', async () => {
    const layer = await load({ PATH: '/bin', SERVER__PORT: '1' }, { prefix: '' });
    expect(triples(layer)).toEqual([['SERVER.PORT', '1', 'SERVER__PORT']]);
  });
});

describe('envSource: @Env exact names', () => {
  it('adds them after the prefixed entries, so they win', async () => {
    const layer = await load(
      { DATABASE_URL: 'postgres://exact', APP_DATABASE__URL: 'postgres://prefixed', PORT: '8080' },
      { prefix: 'APP_' },
    );
    expect(triples(layer)).toEqual([
      ['DATABASE.URL', 'postgres://prefixed', 'APP_DATABASE__URL'],
      ['database.url', 'postgres://exact', 'DATABASE_URL'],
      ['server.port', '8080', 'PORT'],
    ]);
  });

  it('lets the first listed name win when several are set, keeping the others as earlier candidates', async () => {
    const layer = await load({ DB_URL: 'second', DATABASE_URL: 'first' });
    expect(triples(layer)).toEqual([
      ['database.url', 'second', 'DB_URL'],
      ['database.url', 'first', 'DATABASE_URL'],
    ]);
    expect(triples(layer).at(-1)?.[1]).toBe('first');
  });

  it('uses a later name when the first is not set, and keeps empty values', async () => {
    const layer = await load({ DB_URL: '' });
    expect(triples(layer)).toEqual([['database.url', '', 'DB_URL']]);
  });

  it('does not read an @Env variable a second time through the prefix or section rule', async () => {
    const prefixed = schemaOf({
      sections: { database: ['url'] },
      envNames: { 'database.url': ['APP_DB_URL'] },
    });
    const layer = await envSource({ prefix: 'APP_' }).load(
      sourceContext({ schema: prefixed, env: { APP_DB_URL: 'x' } }),
    );
    expect(triples(layer)).toEqual([['database.url', 'x', 'APP_DB_URL']]);
    const sectioned = schemaOf({
      sections: { database: ['url'] },
      envNames: { 'database.url': ['DATABASE__URL'] },
    });
    const plain = await envSource().load(sourceContext({ schema: sectioned, env: { DATABASE__URL: 'y' } }));
    expect(triples(plain)).toEqual([['database.url', 'y', 'DATABASE__URL']]);
  });
});
