import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '@strata/core';
import { maskValue } from '../src/errors/excerpt.js';
import { excerptAt } from '@strata/core/source';

describe('ParseError never repeats a value from the file', () => {
  const text = 'database:\n  password: hunter2: oops\n  "token": "abc"\n  - listed-secret\n';

  it.each([
    [2, '  …: …: …'],
    [3, '  "…": "…"'],
    [4, '  - …'],
    [1, '…:'],
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
      'config/a.toml:2:11: Invalid TOML document: unexpected ":"\n  2 |   …: …: …\n    |    ^',
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

describe('excerpt masking (issue #13: a line inside a block scalar looks like key: value)', () => {
  const shape = /^[\s:,[\]{}=\-#|>"'…]*$/;
  // Lines built from YAML/JSON/TOML punctuation, words, quotes and odd characters, in any order.
  const piece = fc.oneof(
    fc.constantFrom(' ', '  ', '\t', ':', ': ', '- ', '"', "'", '{', '}', '[', ']', ',', '=', '#', '|', '>'),
    fc.stringMatching(/^[A-Za-z0-9_.@!$%^&*()+\\/?~`-]{1,12}$/),
    fc.string({ unit: 'grapheme', maxLength: 6 }),
    fc.constantFrom('\u0000', '\u001b[31m', '\u2028', 'é', '🔑'),
  );
  const line = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join('').replace(/[\r\n]/g, ''));

  it('an excerpt of any line shows nothing but whitespace, punctuation and …', () => {
    fc.assert(
      fc.property(line, fc.nat(200), (source, column) => {
        const [shown, caret] = excerptAt(source, 1, column + 1).split('\n');
        const body = shown!.replace(/^ {2}1 \| /, '');
        expect(body).toMatch(shape);
        expect(body.length).toBeLessThanOrEqual(122);
        expect(caret).toMatch(/^ {4}\| *\^$/);
        expect(maskValue(source)).toMatch(shape);
      }),
      { numRuns: 2000 },
    );
  });

  it('the issue example: a dedented line of a secret block scalar', () => {
    const file = 'password: |\n    hunter2-line1\n  hunter2-line2: x\n';
    const error = new ParseError({
      file: 'config/default.yaml',
      line: 3,
      column: 3,
      reason: 'all mapping items must start at the same column',
      excerpt: excerptAt(file, 3, 3),
    });
    expect(error.excerpt).toBe('  3 |   …: …\n    |   ^');
    for (const view of [
      error.message,
      error.stack ?? '',
      inspect(error, { showHidden: true }),
      JSON.stringify(error),
    ]) {
      expect(view).not.toMatch(/hunter2/);
    }
  });

  it('shows a window around the column of a long one-line file', () => {
    const json = `{${Array.from({ length: 200 }, (_, i) => `"k${i}":${i}`).join(',')},,}`;
    const column = json.indexOf(',,') + 2;
    const [shown, caret] = excerptAt(json, 1, column).split('\n');
    expect(shown!.length).toBeLessThan(140);
    expect(shown).toMatch(/^ {2}1 \| …/);
    // The caret sits under the second comma of `,,`.
    const at = caret!.indexOf('^');
    expect(shown!.slice(at - 1, at + 1)).toBe(',,');
  });

  it('hides control characters and NUL bytes', () => {
    expect(maskValue('a\u0000b: \u001b[31mred')).toBe('…: …');
  });
});
