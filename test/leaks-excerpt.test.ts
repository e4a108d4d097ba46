import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inspect } from 'node:util';
import { parseConfigFile } from '@strata/file';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertBuilt, copyFixture, strata } from '@strata-internal/test-support/cli';
import {
  fileRoutes,
  fileSource,
  loadWith,
  removeScratch,
  scratch,
  writeInput,
} from './support/input-routes.js';

// Issue #13: a parse error whose excerpt line lies inside a secret's block scalar printed the secret when
// that line looked like `key: value`. Every view of the error (message, stack, inspect, JSON, cause) is
// checked, for the example and for broken lines of other shapes in each format.

const secret = 'hunter2';

/** Broken files whose failing line holds secret text, per format, in several shapes. */
const cases: readonly (readonly [string, string, string])[] = [
  [
    'yaml',
    'the issue example (dedented block-scalar line)',
    `db:\n  password: |\n    ${secret}-line1\n ${secret}-line2: x\n`,
  ],
  ['yaml', 'top-level block scalar', `password: |\n    ${secret}-line1\n  ${secret}-line2: x\n`],
  ['yaml', 'a quoted value left open', `db:\n  password: "${secret}\n  other: [\n`],
  ['yaml', 'a bad escape inside a secret', `db:\n  password: "${secret}\\q"\n`],
  ['yaml', 'a block scalar header with text', `db:\n  password: |${secret}\n    x\n`],
  ['json', 'one line', `{"db": {"password": "${secret}" "x": 1}}`],
  ['json', 'a key-like secret', `{"db": {"password":\n ${secret}: 1}}`],
  ['toml', 'an unquoted secret', `[db]\npassword = ${secret}: oops\n`],
];

let dir: string;
beforeEach(async () => {
  dir = await scratch();
});
afterEach(async () => {
  await removeScratch(dir);
});

function views(error: Error): string[] {
  return [
    error.message,
    error.stack ?? '',
    inspect(error, { showHidden: true, depth: 10 }),
    JSON.stringify(error),
    String((error as { cause?: unknown }).cause ?? ''),
    inspect((error as { cause?: unknown }).cause, { showHidden: true }),
  ];
}

describe('parse-error excerpts never show secret text', () => {
  it.each(cases)('%s: %s (parseConfigFile)', (format, _shape, text) => {
    let caught: unknown;
    try {
      parseConfigFile({ text, file: `config/default.${format}` });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    for (const view of views(caught as Error)) expect(view).not.toContain(secret);
  });

  it.each(cases)('%s: %s (loadConfig with fileSource)', async (format, _shape, text) => {
    const file = fileRoutes.find((route) => route.format === format)?.file as string;
    await writeInput(dir, file, text);
    const error = await loadWith(dir, [fileSource({ dir: 'config' })]);
    expect(error).toBeInstanceOf(Error);
    for (const view of views(error as Error)) expect(view).not.toContain(secret);
  });
});

describe('parse-error excerpts never show secret text in the CLI', () => {
  // The built CLI (run `pnpm run build` first), on the example in the CLI's parse-error fixture.
  const commands: readonly (readonly string[])[] = [
    ['validate'],
    ['validate', '--format', 'json'],
    ['print'],
    ['explain', 'database.password'],
  ];

  it.each(commands.map((args) => [args.join(' '), args] as const))('strata %s', async (_command, args) => {
    assertBuilt();
    const copy = await copyFixture('parse-error');
    try {
      await writeFile(
        path.join(copy.dir, 'config/default.yaml'),
        `database:\n  url: x\n  password: |\n    ${secret}-line1\n ${secret}-line2: x\n`,
      );
      const result = await strata(args, { cwd: copy.dir });
      expect(result.code).not.toBe(0);
      expect(`${result.stdout}${result.stderr}`).toMatch(/default\.yaml:5/);
      expect(`${result.stdout}${result.stderr}`).not.toContain(secret);
    } finally {
      await copy.remove();
    }
  });
});
