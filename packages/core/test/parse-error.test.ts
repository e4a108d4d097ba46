import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ParseError } from '@strata/core';
import { excerptAt } from '@strata/core/source';

describe('ParseError never repeats a value from the file', () => {
  const text = 'database:\n  password: hunter2: oops\n  "token": "abc"\n  - listed-secret\n';

  it.each([
    [2, '  password: …'],
    [3, '  "token": …'],
    [4, '  - …'],
    [1, 'database:'],
  ])('line %i is shown as %j', (line, shown) => {
    expect(excerptAt(text, line, 3).split('\n')[0]).toBe(`  ${line} | ${shown}`);
  });

  it('keeps the first line of the reason and a sanitised cause', () => {
    const cause = new Error(
      'Invalid TOML document: unexpected ":"\n\n2: password = hunter2: oops\n          ^',
    );
    const error = new ParseError(
      { file: 'config/a.toml', line: 2, column: 11, reason: cause.message, excerpt: excerptAt(text, 2, 11) },
      { cause },
    );
    expect(error.message).toBe(
      'config/a.toml:2:11: Invalid TOML document: unexpected ":"\n  2 |   password: …\n    |           ^',
    );
    for (const view of [
      error.message,
      error.stack ?? '',
      inspect(error, { showHidden: true, depth: 10 }),
      String(error.cause),
      JSON.stringify(error),
    ]) {
      expect(view).not.toContain('hunter2');
    }
    expect((error.cause as Error).message).toBe('Invalid TOML document: unexpected ":"');
  });
});
