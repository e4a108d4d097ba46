import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseYamlFast } from '../src/parse/parse-yaml-fast.js';
import { parseYaml } from '../src/parse/parse-yaml.js';
import type { ParsedEntry } from '../src/parse/parsed-config.js';

const precise = (text: string) => () => parseYaml(text, 'x.yaml', { maxAliasCount: 100 });
const plain = (entries: readonly ParsedEntry[] | undefined | null) =>
  entries?.map((e) => ({ path: e.path, value: e.value, line: e.line, column: e.column }));

/** The fast reader must give exactly what the precise one gives, or step aside (null). */
function agree(text: string): void {
  const fast = parseYamlFast(text, precise(text));
  if (fast === null) return;
  expect(plain(fast)).toEqual(plain(precise(text)()));
}

describe('the fast YAML reader agrees with the precise parser', () => {
  it.each([
    '1_000',
    '0o17',
    '0x1F',
    '0b101',
    '+12',
    '.5',
    '1e3',
    '-1.5e-3',
    '.inf',
    '-.Inf',
    '.NaN',
    '~',
    'null',
    'Null',
    'NULL',
    'true',
    'True',
    'TRUE',
    'false',
    'yes',
    'no',
    'on',
    'off',
    'y',
    '2024-01-01',
    '2024-01-01T10:00:00Z',
    '12:30:00',
    '"quoted"',
    "'single'",
    '0777',
    '-0',
    '007',
    '1.0',
    '=',
    '<<',
    'a # comment',
    '"a # b"',
    '[1, 2, "x"]',
    '{a: 1}',
    '[]',
    '{}',
    '"\\u00e9"',
    '0.',
    '-.5',
    '+.inf',
    '1e',
    '0x',
    '1:2',
    'a: b',
    '"multi\\nline"',
    '""',
    "''",
  ])('scalar %s', (scalar) => {
    agree(`a:\n  b: ${scalar}\n  c: 2\n`);
  });

  it('block scalars, nesting, lists of mappings, comments, CRLF, empty mappings', () => {
    agree(
      'a: |\n  line one\n  line two\nb: >\n  folded\n  text\nc:\n  - x: 1\n    y: [1, 2]\n  - 2\n# trailing\nd: {}\ne:\n',
    );
    agree('server:\r\n  port: 8080\r\n  host: "0.0.0.0"\r\n');
    agree('deep:\n  a:\n    b:\n      c:\n        d: 1\n');
  });

  it('keeps the fast path when the tricky spellings are only inside quotes or comments', () => {
    const text = 'a:\n  id: "0b1xtc0xg4"\n  b: \'-0\'\n  c: 1 # 0o17 and *x and &y\n';
    expect(parseYamlFast(text, precise(text))).not.toBeNull();
    agree(text);
  });

  it('steps aside for anchors, aliases, merge keys, tags and several documents', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: {x: 1}\nb:\n  <<: {y: 2}\n',
      'a: !!str 1\n',
      'a: 1\n---\nb: 2\n',
      'a: [1\n',
    ]) {
      expect(parseYamlFast(text, precise(text))).toBeNull();
    }
  });

  it('property: for generated documents, values and positions are the same', () => {
    const key = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,8}$/);
    const scalar = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const tree = fc.letrec((tie) => ({
      node: fc.dictionary(
        key,
        fc.oneof({ depthSize: 'small' }, scalar, fc.array(scalar, { maxLength: 3 }), tie('node')),
        { maxKeys: 4 },
      ),
    })).node;
    fc.assert(
      fc.property(tree, (value) => {
        agree(stringify(value));
      }),
      { numRuns: 300 },
    );
  });
});
