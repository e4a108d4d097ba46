import { join } from 'node:path';
import { StrataError, UnsafeKeyError } from '@strata/core';
import { afterEach, describe, expect, it } from 'vitest';
import { rejectionOf, schemaOf, sourceContext, triples } from '@strata-internal/test-support';
import { defaultDotenvFiles, dotenvSource } from '../src/index.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const schema = schemaOf({
  sections: { database: ['host', 'port', 'url'], s: ['a', 'b', 'c', 'd', 'e'] },
  envNames: { 'database.url': ['DATABASE_URL'] },
});

describe('dotenvSource: origins name the file and the line of the definition', () => {
  it('handles export, spaces, comments, quotes, multi-line values and duplicates', async () => {
    const layer = await dotenvSource({ prefix: 'APP_', files: ['lines/.env'] }).load(
      sourceContext({ environment: 'development', schema, cwd: fixtures }),
    );
    expect(layer).toMatchObject({ source: 'dotenv', textual: true });
    expect(layer.entries.every((e) => e.origin.source === 'dotenv')).toBe(true);
    expect(triples(layer)).toEqual([
      ['DATABASE.PORT', '5432', 'lines/.env:3'],
      ['DATABASE.USER', 'admin', 'lines/.env:5'],
      ['DATABASE.PASSWORD', 'single # not a comment', 'lines/.env:6'],
      ['DATABASE.CERT', '-----BEGIN-----\nline two\n-----END-----', 'lines/.env:7'],
      ['SERVER.HOST', 'colon-form', 'lines/.env:10'],
      ['SERVER.PORT', '8080', 'lines/.env:11'],
      // Defined on lines 2 and 12: dotenv keeps the last value, so the origin is the last line.
      ['DATABASE.HOST', 'override', 'lines/.env:12'],
      ['EMPTY.VALUE', '', 'lines/.env:13'],
      ['TICK.VALUE', 'tick', 'lines/.env:14'],
      // A quoted value spanning lines 16-18 hides the KEY=value on line 17, as in dotenv.
      ['DATABASE.MULTI', 'first\nAPP_FAKE__KEY=inside quotes\nlast', 'lines/.env:16'],
      ['ESCAPED.NEWLINE', 'a\nb', 'lines/.env:19'],
      ['database.url', 'postgres://exact', 'lines/.env:20'],
    ]);
  });

  it('counts CRLF line endings as one line break', async () => {
    const layer = await dotenvSource({ prefix: 'APP_', dir: 'crlf' }).load(
      sourceContext({ environment: 'development', schema, cwd: fixtures }),
    );
    expect(triples(layer)).toEqual([
      ['A.B', 'one', 'crlf/.env:1'],
      ['A.C', 'multi\nline', 'crlf/.env:4'],
      ['A.D', 'four', 'crlf/.env:6'],
    ]);
  });

  it('shows paths relative to the working directory, whatever dir is', async () => {
    const layer = await dotenvSource({ prefix: 'APP_', dir: join(fixtures, 'crlf') }).load(
      sourceContext({ environment: 'development', schema, cwd: join(fixtures, 'order') }),
    );
    expect(layer.entries[0]?.origin.locator).toBe('../crlf/.env:1');
  });

  it('maps without a prefix by section names, like envSource', async () => {
    const layer = await dotenvSource({ files: ['lines/.env'] }).load(
      sourceContext({ environment: 'development', schema, cwd: fixtures }),
    );
    expect(triples(layer)).toEqual([['database.url', 'postgres://exact', 'lines/.env:20']]);
  });
});

describe('dotenvSource: file order', () => {
  it('lists .env, .env.<environment>, .env.local, .env.<environment>.local', () => {
    expect(defaultDotenvFiles('production')).toEqual([
      '.env',
      '.env.production',
      '.env.local',
      '.env.production.local',
    ]);
    expect(defaultDotenvFiles('local')).toEqual(['.env', '.env.local', '.env.local.local']);
    expect(defaultDotenvFiles('')).toEqual(['.env', '.env.local']);
  });

  const winners = async (environment: string) => {
    const layer = await dotenvSource({ prefix: 'APP_', dir: 'order' }).load(
      sourceContext({ schema, cwd: fixtures, environment }),
    );
    const result = new Map<string, string>();
    for (const [path, , locator] of triples(layer)) result.set(path, locator);
    return Object.fromEntries(result);
  };

  it('lets later files win in production', async () => {
    expect(await winners('production')).toEqual({
      'S.A': 'order/.env:1',
      'S.B': 'order/.env.production:1',
      'S.C': 'order/.env.local:1',
      'S.D': 'order/.env.production.local:1',
      'S.E': 'order/.env:5',
    });
  });

  it('reads only the current environment’s files, and skips missing ones', async () => {
    expect(await winners('development')).toEqual({
      'S.A': 'order/.env:1',
      'S.B': 'order/.env.development:1',
      'S.C': 'order/.env.local:1',
      'S.D': 'order/.env.local:2',
      'S.E': 'order/.env.development:2',
    });
  });

  it('keeps losing candidates from earlier files before the winner', async () => {
    const layer = await dotenvSource({ prefix: 'APP_', dir: 'order' }).load(
      sourceContext({ schema, cwd: fixtures, environment: 'production' }),
    );
    expect(triples(layer).filter(([path]) => path === 'S.D')).toEqual([
      ['S.D', 'env', 'order/.env:4'],
      ['S.D', 'production', 'order/.env.production:3'],
      ['S.D', 'local', 'order/.env.local:2'],
      ['S.D', 'production.local', 'order/.env.production.local:1'],
    ]);
  });

  it('accepts an explicit list or a function of the environment', async () => {
    const listed = await dotenvSource({ prefix: 'APP_', dir: 'order', files: ['.env.local', '.env'] }).load(
      sourceContext({ environment: 'development', schema, cwd: fixtures }),
    );
    expect(triples(listed).at(-1)).toEqual(['S.E', 'env', 'order/.env:5']);
    const computed = await dotenvSource({
      prefix: 'APP_',
      dir: 'order',
      files: (environment) => [`.env.${environment}`],
    }).load(sourceContext({ schema, cwd: fixtures, environment: 'production' }));
    expect(triples(computed).map(([, , locator]) => locator)).toEqual([
      'order/.env.production:1',
      'order/.env.production:2',
      'order/.env.production:3',
    ]);
  });

  it('is empty when no file exists', async () => {
    const layer = await dotenvSource({ dir: 'does-not-exist' }).load(
      sourceContext({ environment: 'development', schema, cwd: fixtures }),
    );
    expect(layer.entries).toEqual([]);
  });

  it('fails with a SourceError naming the file when a file cannot be read', async () => {
    const error = await rejectionOf(
      dotenvSource({ files: ['order'] }).load(
        sourceContext({ environment: 'development', schema, cwd: fixtures }),
      ),
    );
    expect(StrataError.is(error, 'SOURCE_FAILED')).toBe(true);
    expect(error.message).toMatch(/order is not a regular file \(a directory\)/);
  });
});

describe('dotenvSource: names', () => {
  it('reports names with empty segments with their file and line', async () => {
    const error = await rejectionOf(
      dotenvSource({ prefix: 'APP_', dir: 'malformed' }).load(
        sourceContext({ environment: 'development', schema, cwd: fixtures }),
      ),
    );
    expect(StrataError.is(error, 'SOURCE_FAILED')).toBe(true);
    expect(error.message).toContain('APP_A____B (malformed/.env:2), APP_C__ (malformed/.env:3)');
  });

  it.each([
    ['proto.env', { prefix: 'APP_' }, '__proto__.__polluted', 'pollution/proto.env:3'],
    ['constructor.env', { prefix: 'APP_' }, 'CONSTRUCTOR', 'pollution/constructor.env:3'],
    ['unprefixed.env', {}, '__proto__', 'pollution/unprefixed.env:2'],
  ])(
    'refuses pollution keys in %s with UnsafeKeyError naming file and line',
    async (file, options, text, locator) => {
      const error = await rejectionOf(
        dotenvSource({ ...options, dir: 'pollution', files: [file] }).load(
          sourceContext({ environment: 'development', schema, cwd: fixtures }),
        ),
      );
      expect(error).toBeInstanceOf(UnsafeKeyError);
      expect((error as UnsafeKeyError).origin).toEqual({ source: 'dotenv', locator });
      expect((error as Error).message).toContain(locator);
      expect((error as Error).message).toContain(text);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );
});

describe('dotenvSource: export', () => {
  const added = ['APP_S__A', 'APP_S__B', 'APP_S__C', 'APP_S__D', 'APP_S__E'];
  const saved = new Map(added.map((key) => [key, process.env[key]]));
  afterEach(() => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('leaves process.env alone by default', async () => {
    for (const key of added) delete process.env[key];
    await dotenvSource({ dir: 'order' }).load(
      sourceContext({ schema, cwd: fixtures, environment: 'production' }),
    );
    expect(added.filter((key) => process.env[key] !== undefined)).toEqual([]);
  });

  it('with export: true sets only variables not already set, to the winning file’s value', async () => {
    for (const key of added) delete process.env[key];
    process.env.APP_S__A = 'from the real environment';
    process.env.APP_S__B = '';
    await dotenvSource({ dir: 'order', export: true }).load(
      sourceContext({ schema, cwd: fixtures, environment: 'production' }),
    );
    expect(Object.fromEntries(added.map((key) => [key, process.env[key]]))).toEqual({
      APP_S__A: 'from the real environment',
      APP_S__B: '',
      APP_S__C: 'local',
      APP_S__D: 'production.local',
      APP_S__E: 'env',
    });
  });
});
