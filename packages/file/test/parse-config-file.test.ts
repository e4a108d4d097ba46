import { ParseError, StrataError, UnsafeKeyError } from '@strata/core';
import { excerptAt } from '@strata/core/source';
import { describe, expect, it } from 'vitest';
import { configFormatOf, parseConfigFile, type ParsedEntry } from '../src/index.js';
import { fixture } from './support/fixtures.js';

async function parseFixture(name: string) {
  return parseConfigFile({ text: await fixture(`parse/${name}`), file: `config/${name}` });
}

/** `path=value@line:column` for compact, exact assertions. */
function summary(entries: readonly ParsedEntry[]): string[] {
  return entries.map((e) => `${e.path.join('.')}@${e.line ?? '?'}:${e.column ?? '?'}`);
}

function valueAt(entries: readonly ParsedEntry[], path: string): unknown {
  return entries.find((e) => e.path.join('.') === path)?.value;
}

async function parseErrorOf(name: string): Promise<ParseError> {
  try {
    await parseFixture(name);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error(`${name} parsed without error`);
}

describe('parseConfigFile: JSON', () => {
  it('gives every leaf with the line and column of its value', async () => {
    const parsed = await parseFixture('valid.json');
    expect(parsed.format).toBe('json');
    expect(parsed.empty).toBe(false);
    expect(summary(parsed.entries)).toEqual([
      'server.host@3:13',
      'server.port@4:13',
      'server.tls.enabled@5:25',
      'tags@7:11',
      'unset@8:12',
      'empty@9:12',
    ]);
    expect(valueAt(parsed.entries, 'server.port')).toBe(8080);
    expect(valueAt(parsed.entries, 'tags')).toEqual(['a', 'b']);
    expect(valueAt(parsed.entries, 'unset')).toBeNull();
    expect(valueAt(parsed.entries, 'empty')).toEqual({});
  });

  it.each([
    ['broken.json', 4, 1, 'expected ","'],
    ['comment.json', 3, 3, 'comments are not allowed in JSON'],
    ['trailing-comma.json', 3, 1, 'trailing commas are not allowed'],
    ['duplicate.json', 3, 26, 'duplicate key "port"'],
    ['top-array.json', 1, 1, 'the top-level value must be an object, not an array'],
  ])('%s fails at %i:%i', async (name, line, column, reason) => {
    const error = await parseErrorOf(name);
    expect(StrataError.is(error, 'PARSE_ERROR')).toBe(true);
    expect(error.file).toBe(`config/${name}`);
    expect([error.line, error.column]).toEqual([line, column]);
    expect(error.message).toContain(reason);
    expect(error.message.startsWith(`config/${name}:${line}:${column}: `)).toBe(true);
    const text = await fixture(`parse/${name}`);
    const offending = text.split('\n')[line - 1] as string;
    // The excerpt keeps only the line's shape (core's excerptAt; its tests cover the masking): the offending
    // line may hold a secret, so none of its words may show.
    const [shown, caret] = error.excerpt.split('\n');
    expect(shown).toBe(excerptAt(text, line, column).split('\n')[0]);
    for (const word of offending.match(/[A-Za-z0-9]{3,}/g) ?? []) expect(shown).not.toContain(word);
    expect(caret).toMatch(/^ {4}\| +\^$|^ {4}\| \^$/);
  });
});

describe('parseConfigFile: YAML', () => {
  it('gives every leaf with the line and column of its value, YAML 1.2 core schema', async () => {
    const parsed = await parseFixture('valid.yaml');
    expect(parsed.format).toBe('yaml');
    expect(summary(parsed.entries)).toEqual([
      'server.host@3:9',
      'server.port@4:9',
      'server.tls.enabled@6:14',
      'tags@8:3',
      'unset@10:7',
      'answer@11:9',
      'started@12:10',
      'quoted@13:9',
      'block@14:8',
      'empty@17:8',
    ]);
    expect(valueAt(parsed.entries, 'server.tls.enabled')).toBe(true);
    expect(valueAt(parsed.entries, 'tags')).toEqual(['a', 'b']);
    expect(valueAt(parsed.entries, 'unset')).toBeNull();
    expect(valueAt(parsed.entries, 'answer')).toBe('yes');
    expect(valueAt(parsed.entries, 'started')).toBe('2026-01-02');
    expect(valueAt(parsed.entries, 'block')).toBe('line one\nline two\n');
  });

  it('applies << merge keys: own keys win, then earlier sources; positions are where values are written', async () => {
    const parsed = await parseFixture('merge.yaml');
    const primary = Object.fromEntries(
      parsed.entries.filter((e) => e.path[0] === 'primary').map((e) => [e.path.slice(1).join('.'), e.value]),
    );
    expect(primary).toEqual({ host: 'primary.db', port: 5432, 'pool.size': 5, ssl: true });
    const replica = Object.fromEntries(
      parsed.entries.filter((e) => e.path[0] === 'replica').map((e) => [e.path.slice(1).join('.'), e.value]),
    );
    expect(replica).toEqual({ port: 6543, ssl: true, name: 'replica' });
    // primary.port comes from *defaults (line 3), primary.ssl from *extra (line 8).
    expect(summary(parsed.entries.filter((e) => e.path[0] === 'primary'))).toEqual([
      'primary.port@3:9',
      'primary.pool.size@5:11',
      'primary.ssl@8:8',
      'primary.host@11:9',
    ]);
  });

  it.each([
    ['broken.yaml', 3, 9, 'plain value cannot start with reserved character @'],
    ['duplicate.yaml', 4, 3, 'map keys must be unique'],
    ['multi.yaml', 2, 1, 'one YAML document'],
    ['top-scalar.yaml', 1, 1, 'the top-level value must be a mapping'],
    ['recursive.yaml', 2, 3, 'recursive alias'],
    ['binary.yaml', 1, 13, 'unsupported value with tag tag:yaml.org,2002:binary'],
  ])('%s fails at %i:%i', async (name, line, column, reason) => {
    const error = await parseErrorOf(name);
    expect(error.file).toBe(`config/${name}`);
    expect([error.line, error.column]).toEqual([line, column]);
    expect(error.message.toLowerCase()).toContain(reason.toLowerCase());
    expect(error.excerpt).toContain(`${line} | `);
  });

  it.each(['bomb.yaml', 'map-bomb.yaml'])('refuses the alias bomb %s quickly', async (name) => {
    const started = performance.now();
    const error = await parseErrorOf(name);
    expect(error.message).toContain('alias bomb');
    expect(error.message).toContain('maxAliasCount 100');
    // Generous bound: an unbounded expansion would take minutes and gigabytes, not seconds.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('honours maxAliasCount', async () => {
    const text = 'a: &a {x: 1}\nb: *a\nc: *a\nd: *a\n';
    expect(() => parseConfigFile({ text, file: 'a.yaml', maxAliasCount: 1 })).toThrow(/maxAliasCount 1\)/);
    expect(parseConfigFile({ text, file: 'a.yaml' }).entries.map((e) => e.path.join('.'))).toEqual([
      'a.x',
      'b.x',
      'c.x',
      'd.x',
    ]);
  });
});

describe('parseConfigFile: TOML', () => {
  it('gives every leaf with the position of its value (inline tables: the table), dates as Dates', async () => {
    const parsed = await parseFixture('valid.toml');
    expect(parsed.format).toBe('toml');
    expect(summary(parsed.entries)).toEqual([
      'title@2:9',
      'server.host@5:8',
      'server.port@6:8',
      'server.tls.enabled@7:15',
      'server.limits.rps@8:10',
      'server.limits.burst@8:10',
      'server.ports@9:9',
      'server.notes@13:9',
      'server.quoted.key@16:16',
      'database.pool.size@19:8',
      'database.pool.started@20:11',
      'database.pool.day@21:7',
      'database.pool.at@22:6',
      'database.pool.big@23:7',
      'servers@25:1',
      'empty@31:1',
    ]);
    expect(parsed.entries.find((e) => e.path[1] === 'quoted.key')?.path).toEqual(['server', 'quoted.key']);
    expect(valueAt(parsed.entries, 'server.ports')).toEqual([8001, 8002]);
    expect(valueAt(parsed.entries, 'server.notes')).toBe('multi ] [ line\n');
    const started = valueAt(parsed.entries, 'database.pool.started');
    expect(started).toBeInstanceOf(Date);
    expect(Object.getPrototypeOf(started)).toBe(Date.prototype);
    expect((started as Date).toISOString()).toBe('1979-05-27T07:32:00.000Z');
    expect((valueAt(parsed.entries, 'database.pool.day') as Date).toISOString()).toBe(
      '1979-05-27T00:00:00.000Z',
    );
    expect(valueAt(parsed.entries, 'database.pool.at')).toBe('07:32:00.000');
    expect(valueAt(parsed.entries, 'database.pool.big')).toBe(9007199254740993n);
    expect(valueAt(parsed.entries, 'servers')).toEqual([{ name: 'alpha' }, { name: 'beta' }]);
  });

  it('keeps positions right past multi-line strings, quoted keys, nested brackets and CRLF line ends', () => {
    const text = [
      "a = '''",
      '[not.a.table]',
      'x = 1',
      "'''",
      'b = """ends with quote""""',
      '"c d"."e" = [ "]", { f = 1 } ]',
      "[ t . 'u' ]",
      'g = 1 # c [',
      'h = 2',
    ].join('\r\n');
    const parsed = parseConfigFile({ text, file: 'x.toml' });
    expect(summary(parsed.entries)).toEqual(['a@1:5', 'b@5:5', 'c d.e@6:13', 't.u.g@8:5', 't.u.h@9:5']);
    expect(parsed.entries.map((e) => e.path)).toContainEqual(['c d', 'e']);
    expect(valueAt(parsed.entries, 'b')).toBe('ends with quote"');
  });

  it.each([
    ['broken.toml', 2, 5, 'invalid value'],
    ['duplicate.toml', 2, 1, 'already defined'],
  ])('%s fails at %i:%i', async (name, line, column, reason) => {
    const error = await parseErrorOf(name);
    expect(error.file).toBe(`config/${name}`);
    expect([error.line, error.column]).toEqual([line, column]);
    expect(error.message).toContain(reason);
    expect(error.excerpt).toContain(`${line} | `);
  });
});

describe('parseConfigFile: edges', () => {
  it.each(['bom.json', 'bom.yaml', 'bom.toml'])('accepts a UTF-8 BOM (%s)', async (name) => {
    const text = await fixture(`parse/${name}`);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const parsed = parseConfigFile({ text, file: name });
    expect(parsed.entries[0]?.path).toEqual(['a']);
    expect(parsed.entries[0]?.value).toBe(1);
    expect(parsed.entries[0]?.column).toBeGreaterThan(1);
  });

  it.each(['empty.yaml', 'blank.json', 'comments.yaml', 'comments.toml'])('%s is empty', async (name) => {
    const parsed = await parseFixture(name);
    expect(parsed.entries).toEqual([]);
    expect(parsed.empty).toBe(true);
  });

  it.each([
    ['proto.json', '__proto__', 'config/proto.json:3:30'],
    ['constructor.json', 'constructor', 'config/constructor.json:3:49'],
    ['proto.yaml', '__proto__', 'config/proto.yaml:3:13'],
    ['proto-merge.yaml', '__proto__', 'config/proto-merge.yaml:3:32'],
    ['prototype-in-array.yaml', 'prototype', 'config/prototype-in-array.yaml:2:3'],
    ['proto.toml', '__proto__', 'config/proto.toml:4:12'],
    ['constructor.toml', 'constructor', 'config/constructor.toml:3:34'],
  ])('refuses %s with an UnsafeKeyError naming the file and line', async (name, segment, locator) => {
    let caught: unknown;
    try {
      await parseFixture(name);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnsafeKeyError);
    const error = caught as UnsafeKeyError;
    expect(error.segment).toBe(segment);
    expect(error.origin).toEqual({ source: 'file', locator });
    expect(error.message).toContain(`file ${locator}`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('needs a known format', () => {
    expect(() => parseConfigFile({ text: 'a=1', file: 'app.ini' })).toThrow(/unknown configuration format/);
    expect(parseConfigFile({ text: 'a = 1', file: 'app.conf', format: 'toml' }).entries[0]?.value).toBe(1);
    expect(configFormatOf('config/App.YML')).toBe('yaml');
    expect(configFormatOf('config/app.jsonc')).toBeUndefined();
  });
});
