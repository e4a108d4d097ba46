import { inspect } from 'node:util';
import { IsDate, IsInt, IsNumber, IsString, MinLength } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { ConfigValidationError, type LeafValue, loadConfig, Secret, Section } from '@strata/core';
import { encryptValue, generateKey, parseKeyring } from '@strata/core/secrets';
import { fixedSource } from '@strata-internal/test-support';

@Section('server')
class ServerConfig {
  @IsNumber() ratio = 1;
  @IsInt() port = 8080;
  @IsDate() startsAt = new Date('2026-01-01T00:00:00Z');
}

@Section('database')
class DatabaseConfig {
  @Secret() @IsString() password = 'dev-password';
  // A default that breaks its own rule: only an explicit value can make the section valid.
  @Secret() @IsString() @MinLength(12) token = '';
  @IsString({ each: true }) hosts: string[] = [];
}

const sections = [ServerConfig, DatabaseConfig];
const key = generateKey('k1');
const keyring = parseKeyring(key.line);
const envelope = encryptValue({ value: 'correct-horse-battery', path: 'database.password', keyring });

/** The error a load with one source's values ends in (the test fails when the load succeeds). */
async function failure(
  values: Record<string, LeafValue>,
  options: { source?: string; textual?: boolean } = {},
): Promise<ConfigValidationError> {
  const source = fixedSource(options.source ?? 'file', values, { textual: options.textual ?? false });
  const error = await loadConfig({ sections, sources: [source] }, { keyring }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigValidationError);
  return error as ConfigValidationError;
}

describe('malformed values: conversions say what was given and what is expected', () => {
  it.each([
    [
      'env 1e400 for a number',
      { 'server.ratio': '1e400' },
      true,
      'server.ratio: expected a number within ±1.8e+308 — got "1e400" from env server.ratio',
    ],
    [
      'env -1e400 for an integer',
      { 'server.port': '-1e400' },
      true,
      'server.port: expected a number within ±1.8e+308 — got "-1e400" from env server.port',
    ],
    [
      'a file NaN (YAML .nan)',
      { 'server.ratio': Number.NaN },
      false,
      'server.ratio: expected a finite number — got NaN from file server.ratio',
    ],
    [
      'a file Infinity (YAML .inf)',
      { 'server.ratio': Number.POSITIVE_INFINITY },
      false,
      'server.ratio: expected a finite number — got Infinity from file server.ratio',
    ],
    [
      'env 2026-02-30',
      { 'server.startsAt': '2026-02-30' },
      true,
      'server.startsAt: expected a date that exists (the day or time is out of range) — got "2026-02-30" from env server.startsAt',
    ],
    [
      'a file 2026-02-29 (not a leap year)',
      { 'server.startsAt': '2026-02-29' },
      false,
      'server.startsAt: expected a date that exists (the day or time is out of range) — got "2026-02-29" from file server.startsAt',
    ],
    [
      'env 2026-04-31T10:00:00Z',
      { 'server.startsAt': '2026-04-31T10:00:00Z' },
      true,
      'server.startsAt: expected a date that exists',
    ],
    [
      'env 2026-01-01T24:00:00Z',
      { 'server.startsAt': '2026-01-01T24:00:00Z' },
      true,
      'server.startsAt: expected a date that exists',
    ],
  ] as const)('%s', async (_name, values, textual, expected) => {
    const error = await failure(
      { ...values, 'database.token': 'x'.repeat(12) },
      { source: textual ? 'env' : 'file', textual },
    );
    expect(error.issues).toHaveLength(1);
    expect(error.message).toContain(expected);
    expect(error.message).not.toContain('got null');
  });

  it('accepts real dates, leap days included', async () => {
    const config = await loadConfig(
      {
        sections,
        sources: [
          fixedSource(
            'env',
            { 'server.startsAt': '2028-02-29T23:59:59+01:00', 'database.token': 'x'.repeat(12) },
            { textual: true },
          ),
        ],
      },
      { keyring },
    );
    expect(config.get(ServerConfig).startsAt.toISOString()).toBe('2028-02-29T22:59:59.000Z');
  });
});

describe('malformed values: envelope look-alikes are refused, never loaded as plain text', () => {
  it.each([
    ['a leading space', ` ${envelope}`, 'file'],
    ['upper case', envelope.replace('enc:v1:', 'ENC:V1:'), 'file'],
    ['a capital prefix from env', envelope.replace('enc:', 'Enc:'), 'env'],
    ['a tab before it, from env', `\t${envelope}`, 'env'],
  ])('%s', async (_name, value, source) => {
    const error = await failure(
      { 'database.password': value, 'database.token': 'x'.repeat(12) },
      { source, textual: source === 'env' },
    );
    expect(error.issues).toEqual([
      expect.objectContaining({
        path: 'database.password',
        constraint: 'decryption',
        origin: { source, locator: 'database.password' },
      }),
    ]);
    expect(error.message).toContain(
      `database.password: looks like an encrypted value but is not one: an envelope starts with exactly "enc:v1:" (lower case, nothing before it) — from ${source} database.password`,
    );
    const data = envelope.split(':')[3]!;
    for (const text of [error.message, error.stack ?? '', inspect(error), JSON.stringify(error.issues)]) {
      expect(text).not.toContain(data);
    }
  });

  it('refuses a look-alike inside a list', async () => {
    const error = await failure({
      'database.hosts': ['a', ` ${envelope}`],
      'database.token': 'x'.repeat(12),
    });
    expect(error.issues.map((issue) => [issue.path, issue.constraint])).toEqual([
      ['database.hosts', 'decryption'],
    ]);
  });

  it('keeps ordinary text that merely mentions enc', async () => {
    const config = await loadConfig(
      {
        sections,
        sources: [
          fixedSource('file', {
            'database.password': 'encoded:v1',
            'database.token': 'enc-v1-is-not-an-envelope',
          }),
        ],
      },
      { keyring },
    );
    expect(config.get(DatabaseConfig).password).toBe('encoded:v1');
  });
});

describe('malformed values: messages', () => {
  it('hints "remove the quotes" only for a quoted file string that would be right unquoted', async () => {
    const quoted = await failure({ 'server.port': '8080' });
    expect(quoted.message).toContain(
      'server.port: expected a number, got a string — got "8080" from file server.port (remove the quotes in the file)',
    );
    // An unquoted YAML word is a string too: there are no quotes to remove.
    const word = await failure({ 'server.port': 'eighty' });
    expect(word.message).toContain(
      'server.port: expected a number, got a string — got "eighty" from file server.port',
    );
    expect(word.message).not.toContain('quotes');
    // A plugin's value was never in a file.
    const plugin = await failure({ 'server.port': '8080' }, { source: 'http-provider' });
    expect(plugin.message).not.toContain('quotes');
  });

  it('reports a decryption failure once, without a second error from the default', async () => {
    const other = parseKeyring(generateKey('k1').line);
    const sealed = encryptValue({ value: 'a-long-enough-token', path: 'database.token', keyring: other });
    const error = await failure({ 'database.token': sealed });
    expect(error.issues.map((issue) => [issue.path, issue.constraint])).toEqual([
      ['database.token', 'decryption'],
    ]);
  });
});
