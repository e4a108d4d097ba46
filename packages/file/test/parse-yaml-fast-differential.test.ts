import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfigEntries } from '../src/parse/parse-config-file.js';
import { parseYaml } from '../src/parse/parse-yaml.js';
import { parseYamlFast } from '../src/parse/parse-yaml-fast.js';
import type { ParsedEntry } from '../src/parse/parsed-config.js';
import {
  adversarialDocument,
  noisyDocument,
  quoted,
  realisticDocument,
  structuralSnippets,
  trickySpellings,
} from './support/yaml-documents.js';

/*
 * The loaders read YAML with js-yaml (fast) and the CLI's check with `yaml` (precise, with positions). Both must
 * give the same leaves, with the same types, the same positions, and the same refusals, for every input; the
 * fast reader may only step aside (null), never answer differently.
 */

const precise = (text: string) => () => parseYaml(text, 'x.yaml', { maxAliasCount: 100 });

/** Runs of the adversarial properties; raise it (`YAML_DIFFERENTIAL_RUNS=30000`) to hunt for disagreements. */
const runs = Number(process.env.YAML_DIFFERENTIAL_RUNS ?? 1500);

/** Values with their exact types: -0 is not 0, a string "1" is not 1, a null-prototype object is not `{}`. */
function typed(value: unknown): unknown {
  if (typeof value === 'number') return { number: Object.is(value, -0) ? '-0' : String(value) };
  if (typeof value === 'bigint') return { bigint: String(value) };
  if (value instanceof Date) return { date: value.toISOString() };
  if (Array.isArray(value)) return { list: value.map(typed) };
  if (typeof value === 'object' && value !== null) {
    const proto = Object.getPrototypeOf(value) === null ? 'null' : 'object';
    return { [proto]: Object.entries(value).map(([k, v]) => [k, typed(v)]) };
  }
  return value;
}

const plain = (entries: readonly ParsedEntry[] | undefined) =>
  entries?.map((e) => ({ path: e.path, value: typed(e.value), line: e.line, column: e.column }));

/** Compares both readers on `text`; says which one answered. */
function compare(text: string): 'fast' | 'precise' {
  let exact: { entries: ReturnType<typeof plain> } | { error: unknown };
  try {
    exact = { entries: plain(precise(text)()) };
  } catch (error) {
    exact = { error };
  }
  const fast = parseYamlFast(text, precise(text));
  if (fast === null) return 'precise';
  if ('error' in exact) {
    expect.fail(
      `the fast reader accepted what the precise parser refuses (${String(exact.error)}):\n${text}`,
    );
  }
  expect(plain(fast), text).toEqual(exact.entries);
  return 'fast';
}

describe('the fast YAML reader decides per scalar, not per file', () => {
  it.each([
    ['a path with 0b in a name', 'db: /var/lib/rfbsj/0b1clj0a.db'],
    ['a host starting 0o', 'url: https://0o6d4t.example.com:51425/ybyv'],
    ['a sentence with 0o', 'note: the xiu3 0o18o6 value'],
    ['a URL query with &', 'api: https://api.example.com/v1/items?limit=10&offset=20'],
    ['a glob', 'logs: logs/*.log'],
    ['a quoted glob', 'logs: "*.log"'],
    ['an exclamation mark', 'message: Deploy failed! Retry & check'],
    ['a mid-scalar anchor-like word', 'text: a &b c *d e !f'],
    [
      'YAML 1.1 numbers',
      'a: 0o17\nb: 0b101\nc: 0x1F\nd: 1_000\ne: .inf\nf: -.Inf\ng: .nan\nh: -0\ni: +12\nj: -.5',
    ],
    ['nulls and booleans', 'a: ~\nb: null\nc: Null\nd: yes\ne: True\nf: off\ng: 2024-01-01'],
  ])('keeps the fast path for %s', (_name, body) => {
    const text = `app:\n  ${body.replaceAll('\n', '\n  ')}\n  port: 8080\n`;
    expect(compare(text)).toBe('fast');
  });

  it('reads every spelling like the precise parser, plain or quoted, as a value, key or list item', () => {
    for (const spelling of trickySpellings) {
      for (const text of [spelling, quoted(spelling, 'double'), quoted(spelling, 'single')]) {
        expect(compare(`a:\n  b: ${text}\n  c: 2\n`)).toBe('fast');
        expect(compare(`a:\n  - ${text}\n  - x\n`)).toBe('fast');
        compare(`a: [${text}, x]\n`);
        compare(`a:\n  ${text}: 1\n  other: 2\n`);
        compare(`${text}: 1\n`);
        compare(`a: {${text}: 1}\n`);
        compare(`${text}\n`);
      }
    }
  });

  it.each([
    ['an empty entry in a nested compact list', 'a:\n  - -\n  - y\n'],
    ['an empty entry indented more than the next', 'b:\n   -\n  - y\n'],
    ['a quoted scalar over lines indented too little', 'a:\n  b: "x\n y"\n'],
    ['a flow list over lines indented too little', 'a: [\n=]\nb: a\n'],
    ['a comment touching a flow list', 'a:\n  b: []#]\n'],
    ['a tab as indentation', '\t---\na: 1\n'],
    ['a byte order mark as a key', '# c\n\ufeff: ""\noff: 1\n'],
    ['a comment without a space before a value', 'a:\n#x\n  a\nb: 1\n'],
    ['a number key spelt otherwise', 'a:\n  1.0: x\n'],
    ['a null key', '~: x\n'],
    ['a list key', '[a, b]: 1\n'],
    ['an explicit list key', '? [a, b]\n: 1\n'],
    ['a list key without a value in a flow mapping', 'a: {[x], b: 1}\n'],
    ['an integer-like key after another', "a: ''\n0: x\n"],
    ['a top-level null', '~\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
  ])('steps aside where the parsers differ: %s', (_name, text) => {
    expect(compare(text)).toBe('precise');
  });

  it('property: realistic documents take the fast path and read the same', () => {
    fc.assert(
      fc.property(realisticDocument, (text) => {
        expect(compare(text)).toBe('fast');
      }),
      { numRuns: 600 },
    );
  });

  it('property: adversarial documents read the same or step aside, never differ', () => {
    fc.assert(
      fc.property(adversarialDocument, (text) => {
        compare(text);
      }),
      { numRuns: runs },
    );
  });

  it('property: documents with noise lines read the same or step aside, never differ', () => {
    fc.assert(
      fc.property(noisyDocument, (text) => {
        compare(text);
      }),
      { numRuns: runs },
    );
  });

  it('property: anchors, aliases, tags and merge keys anywhere still take the precise parser', () => {
    fc.assert(
      fc.property(
        realisticDocument,
        fc.constantFrom(...structuralSnippets),
        fc.boolean(),
        (text, snippet, first) => {
          const special = snippet.replace(/^(\w)/gm, 'X$1');
          const doc = first
            ? `${special}${text.replace(/^---\n/, '')}`
            : `${text}${text.endsWith('\n') ? '' : '\n'}${special}`;
          expect(compare(doc)).toBe('precise');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the loaders (fast reader) and parseConfigFile (precise) agree on refusals', () => {
  const outcome = (
    text: string,
    lazyPositions: boolean,
    limits?: { maxKeys?: number; maxStringLength?: number; maxDepth?: number },
  ) => {
    try {
      const parsed = parseConfigEntries({
        text,
        file: 'config/app.yaml',
        lazyPositions,
        ...(limits ? { limits } : {}),
      });
      return { entries: plain(parsed.entries), empty: parsed.empty };
    } catch (error) {
      const e = error as Error & { code?: string };
      return { error: { name: e.name, code: e.code, message: e.message } };
    }
  };

  it.each([
    ['a duplicate key', 'a:\n  b: 1\n  b: 2\n', undefined],
    ['a duplicate key spelled differently', 'a:\n  1: x\n  "1": y\n', undefined],
    ['a duplicate of a number key', 'a:\n  0x1: x\n  1: y\n', undefined],
    ['a null key', 'a:\n  ~: x\n', undefined],
    ['a list key', '[a, b]: 1\n', undefined],
    ['too many keys', 'a: 1\nb: 2\nc: 3\n', { maxKeys: 2 }],
    ['too long a string', 'a: https://0o6d4t.example.com/x?a=1&b=2\n', { maxStringLength: 10 }],
    ['too deep', 'a:\n  b:\n    c:\n      d: 1\n', { maxDepth: 2 }],
    ['a top-level list', '- a\n- b\n', undefined],
    ['a top-level null', '~\n', undefined],
    ['only a document marker', '---\n', undefined],
    ['only comments', '# nothing\n', undefined],
  ])('%s', (_name, text, limits) => {
    expect(outcome(text, true, limits)).toEqual(outcome(text, false, limits));
  });

  it('property: adversarial documents give the same leaves or the same error', () => {
    fc.assert(
      fc.property(adversarialDocument, fc.integer({ min: 1, max: 12 }), (text, maxKeys) => {
        expect(outcome(text, true, { maxKeys })).toEqual(outcome(text, false, { maxKeys }));
      }),
      { numRuns: 500 },
    );
  });
});
