import { parse } from 'dotenv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateKeys } from '../src/dotenv/locate-keys.js';

describe('locateKeys', () => {
  it('finds the line of each key, the last one for duplicates', () => {
    const text = [
      '# comment', // 1
      'A=1', // 2
      'export B = "two', // 3
      'C=still B"', // 4
      '', // 5
      '  D: four # note', // 6
      'A=again', // 7
      'E', // 8
      '=split', // 9
    ].join('\n');
    expect(Object.fromEntries(locateKeys(text))).toEqual({ A: 7, B: 3, D: 6, E: 8 });
    expect(Object.keys(parse(text)).sort()).toEqual(['A', 'B', 'D', 'E']);
  });

  it('counts CRLF and lone CR as line breaks, as dotenv does', () => {
    expect(Object.fromEntries(locateKeys('A=1\r\nB=2\rC=3\n\r\nD=4'))).toEqual({ A: 1, B: 2, C: 3, D: 5 });
  });

  const fragment = fc.constantFrom(
    'export ',
    'export\n',
    'KEY',
    'A_B',
    'x.y',
    'a-b',
    '=',
    ' = ',
    ': ',
    ':',
    '"',
    "'",
    '`',
    '#',
    ' ',
    '\t',
    '\n',
    '\r\n',
    '\r',
    '\\',
    'value',
  );

  it('agrees with dotenv.parse on which keys a text defines (property)', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), (fragments) => {
        const text = fragments.join('');
        expect([...locateKeys(text).keys()].sort()).toEqual(Object.keys(parse(text)).sort());
      }),
      { numRuns: 2000 },
    );
  });

  const definition = fc.record({
    key: fc.constantFrom('A', 'B', 'C_D', 'e.f'),
    value: fc.oneof(
      fc.constantFrom('', 'plain', 'with # comment', '"quoted"', "'single'", '`tick`'),
      fc
        .array(fc.constantFrom('line', 'K=V', '# x', ''), { minLength: 2, maxLength: 4 })
        .map((l) => `"${l.join('\n')}"`),
    ),
    exported: fc.boolean(),
    indent: fc.constantFrom('', '  ', '\t'),
    padding: fc.constantFrom(['', ''], [' ', ' '], ['', '  ']),
    before: fc.array(fc.constantFrom('', '# comment', '   '), { maxLength: 2 }),
  });

  it('reports the line where the last definition of each key starts (property)', () => {
    fc.assert(
      fc.property(fc.array(definition, { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), (defs, eol) => {
        const lines: string[] = [];
        const expected = new Map<string, number>();
        for (const d of defs) {
          lines.push(...d.before);
          expected.set(d.key, lines.length + 1);
          const head = `${d.indent}${d.exported ? 'export ' : ''}${d.key}${d.padding[0]}=${d.padding[1]}`;
          lines.push(...`${head}${d.value}`.split('\n'));
        }
        const text = lines.join(eol);
        expect(Object.fromEntries(locateKeys(text))).toEqual(Object.fromEntries(expected));
        expect(Object.keys(parse(text)).sort()).toEqual([...expected.keys()].sort());
      }),
      { numRuns: 1000 },
    );
  });
});
