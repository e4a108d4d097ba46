import { StrataError, UnsafeKeyError } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { rejectionOf, schemaOf, sourceContext, triples } from '@strata-internal/test-support';
import { argvSource } from '../src/index.js';

const schema = schemaOf({
  sections: { database: ['port', 'host'], server: ['port', 'debug'], '': ['verbose', 'logLevel'] },
});

async function flags(argv: readonly string[]) {
  return triples(await argvSource().load(sourceContext({ schema, argv })));
}

describe('argvSource', () => {
  it.each([
    [['--database.port=5433'], [['database.port', '5433', '--database.port']]],
    [['--database.port', '5433'], [['database.port', '5433', '--database.port']]],
    [['--database.port', '-1'], [['database.port', '-1', '--database.port']]],
    [['--database.host=a=b'], [['database.host', 'a=b', '--database.host']]],
    [['--database.host='], [['database.host', '', '--database.host']]],
    [['--server.debug'], [['server.debug', 'true', '--server.debug']]],
    [
      ['--server.debug', '--database.port', '1'],
      [
        ['server.debug', 'true', '--server.debug'],
        ['database.port', '1', '--database.port'],
      ],
    ],
    [['--no-server.debug'], [['server.debug', 'false', '--no-server.debug']]],
    [['--no-server.debug', 'positional'], [['server.debug', 'false', '--no-server.debug']]],
    [['--database.pool-size=3'], [['database.pool-size', '3', '--database.pool-size']]],
  ])('%j', async (argv, expected) => {
    expect(await flags(argv)).toEqual(expected);
  });

  it('keeps a typo in a dotted flag, for the engine to report as an unknown key', async () => {
    expect(await flags(['--databse.port=1'])).toEqual([['databse.port', '1', '--databse.port']]);
  });

  it('reads undotted flags only when they name a top-level section or a field path', async () => {
    expect(
      await flags([
        '--verbose',
        '--log-level',
        'debug',
        '--port',
        '80',
        '--watch',
        '--no-color',
        '--database=x',
        '--no-verbose',
        '-p',
        '9',
      ]),
    ).toEqual([
      ['verbose', 'true', '--verbose'],
      ['log-level', 'debug', '--log-level'],
      ['database', 'x', '--database'],
      ['verbose', 'false', '--no-verbose'],
    ]);
  });

  it('ignores everything after a bare --, positional arguments and short flags', async () => {
    expect(
      await flags(['serve', '-v', '--server.port=1', '--', '--database.port=2', '--server.port', '3']),
    ).toEqual([['server.port', '1', '--server.port']]);
  });

  it('keeps repeated flags in order, so the last one wins', async () => {
    const entries = await flags(['--server.port=1', '--server.port', '2', '--server.port=3']);
    expect(entries.map(([, value]) => value)).toEqual(['1', '2', '3']);
  });

  it('reads the argv option before the context', async () => {
    const layer = await argvSource({ argv: ['--server.port=7'], name: 'cli' }).load(
      sourceContext({ schema, argv: ['--server.port=1'] }),
    );
    expect(layer).toMatchObject({ source: 'cli', textual: true });
    expect(triples(layer)).toEqual([['server.port', '7', '--server.port']]);
    expect(layer.entries[0]?.origin).toEqual({ source: 'argv', locator: '--server.port' });
  });

  it('refuses flags with empty path segments, naming them all', async () => {
    const error = await rejectionOf(
      argvSource().load(
        sourceContext({ schema, argv: ['--database..port=1', '--.x', '--server.', '--ok.key=1'] }),
      ),
    );
    expect(StrataError.is(error, 'SOURCE_FAILED')).toBe(true);
    expect(error.message).toContain('--database..port, --.x, --server.');
  });

  it.each([
    ['--__proto__.polluted=1', '--__proto__.polluted'],
    ['--constructor.prototype.polluted=1', '--constructor.prototype.polluted'],
    ['--database.__proto__.polluted', '--database.__proto__.polluted'],
    ['--no-__proto__.polluted', '--no-__proto__.polluted'],
    ['--database..__proto__=1', '--database..__proto__'],
    ['--a.CONSTRUCTOR=1', '--a.CONSTRUCTOR'],
  ])('refuses the pollution payload %s with UnsafeKeyError naming the flag', async (token, locator) => {
    const error = await rejectionOf(argvSource().load(sourceContext({ schema, argv: [token] })));
    expect(error).toBeInstanceOf(UnsafeKeyError);
    expect((error as UnsafeKeyError).origin).toEqual({ source: 'argv', locator });
    expect((error as Error).message).toContain(locator);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
