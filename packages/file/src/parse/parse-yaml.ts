import type { LeafValue } from '@strata/core';
import type { Document, Node, YAMLMap } from 'yaml';
import { yamlModule } from '../lazy-modules.js';
import { LineIndex } from './line-index.js';
import { parseFailure } from './parse-failure.js';
import type { ParsedEntry } from './parsed-config.js';
import { childPath } from './child-path.js';

/** Options of {@link parseYaml}. */
export interface YamlParseOptions {
  /** Alias expansion limit, as the `yaml` package counts it (per anchor, nested aliases multiply). */
  readonly maxAliasCount: number;
}

type Fail = (offset: number, reason: string, cause?: unknown) => Error;

/** A key/value pair of a mapping once `<<` merge keys are applied. */
interface EffectivePair {
  readonly key: string;
  readonly value: Node | null;
  /** Where to point when the value is empty. */
  readonly keyOffset: number;
}

const mapTag = 'tag:yaml.org,2002:map';
const seqTag = 'tag:yaml.org,2002:seq';

/**
 * YAML 1.2 core schema (`yes` stays a string, dates stay strings) with `<<` merge keys, unique keys, one
 * document, and a bound on alias expansion. `text` has no BOM.
 */
export function parseYaml(text: string, file: string, options: YamlParseOptions): ParsedEntry[] | undefined {
  const { isAlias, isMap, isScalar, isSeq, parseAllDocuments } = yamlModule();
  const lines = new LineIndex(text);
  const fail: Fail = (offset, reason, cause) => parseFailure({ file, text, lines, offset, reason }, cause);
  const docs = parseAllDocuments(text, {
    version: '1.2',
    schema: 'core',
    merge: true,
    // The library compares each key with every earlier one (100,000 keys took minutes): `pairsOf` checks
    // with a set instead.
    uniqueKeys: false,
    prettyErrors: false,
    strict: true,
    // Our own errors say what is wrong; the library's console warnings would only repeat it.
    logLevel: 'error',
  });
  if (!Array.isArray(docs) || docs.length === 0) return undefined;
  const doc = docs[0] as Document.Parsed;
  for (const candidate of docs) {
    const error = candidate.errors[0];
    if (error) {
      const reason = yamlReason(error.message);
      throw fail(error.pos[0], lowerFirst(reason), Object.assign(new Error(reason), { name: error.name }));
    }
  }
  if (docs.length > 1) {
    const second = docs[1] as Document.Parsed;
    throw fail(second.range[0], 'a configuration file must hold one YAML document, found several (---)');
  }
  const root = doc.contents;
  if (root === null) return undefined;
  assertBoundedAliases(doc, options.maxAliasCount, fail);
  if (!isMap(root) || (root.tag !== undefined && root.tag !== mapTag)) {
    throw fail(root.range?.[0] ?? 0, 'the top-level value must be a mapping (key: value)');
  }

  const resolve = (node: Node | null): Node | null => {
    let current = node;
    while (current && isAlias(current)) current = (current.resolve(doc) as Node | undefined) ?? null;
    return current;
  };

  // Anchors may refer to themselves (`a: &a { b: *a }`): refuse instead of recursing forever.
  const open = new Set<Node>();
  const enter = (node: Node): void => {
    if (open.has(node))
      throw fail(offsetOf(node), 'an alias refers to a node that contains it (recursive alias)');
    open.add(node);
  };

  const effectivePairs = (map: YAMLMap<unknown, unknown>): EffectivePair[] => {
    enter(map);
    try {
      return pairsOf(map);
    } finally {
      open.delete(map);
    }
  };

  const pairsOf = (map: YAMLMap<unknown, unknown>): EffectivePair[] => {
    const own: EffectivePair[] = [];
    const merges: Node[] = [];
    const seen = new Set<string>();
    for (const pair of map.items) {
      const keyNode = pair.key as Node | null;
      if (isMergeKey(keyNode)) {
        merges.push(pair.value as Node);
        continue;
      }
      const key = keyOf(resolve(keyNode), keyNode, fail);
      if (seen.has(key)) throw fail(offsetOf(keyNode), 'map keys must be unique');
      seen.add(key);
      own.push({ key, value: pair.value as Node | null, keyOffset: offsetOf(keyNode) });
    }
    if (merges.length === 0) return own;
    // YAML merge: own keys win, then earlier merge sources over later ones; the merge is shallow.
    const claimed = new Set(own.map((p) => p.key));
    const merged: EffectivePair[] = [];
    for (const mergeValue of merges) {
      const target = resolve(mergeValue);
      const sources = target && isSeq(target) ? target.items.map((item) => resolve(item as Node)) : [target];
      for (const source of sources) {
        if (!source || !isMap(source)) {
          throw fail(offsetOf(source ?? mergeValue), 'a << merge key needs a mapping or a list of mappings');
        }
        for (const pair of effectivePairs(source)) {
          if (claimed.has(pair.key)) continue;
          claimed.add(pair.key);
          merged.push(pair);
        }
      }
    }
    return [...merged, ...own];
  };

  const plainValue = (node: Node | null): LeafValue => {
    const target = resolve(node);
    if (target === null) return null;
    if (isScalar(target)) return scalarValue(target, fail);
    if (isSeq(target)) {
      assertPlainTag(target, seqTag, fail);
      enter(target);
      const items = target.items.map((item) => plainValue(item as Node | null));
      open.delete(target);
      return items;
    }
    if (isMap(target)) {
      assertPlainTag(target, mapTag, fail);
      const pairs = effectivePairs(target);
      enter(target);
      const result: Record<string, LeafValue> = Object.create(null);
      for (const pair of pairs) result[pair.key] = plainValue(pair.value);
      open.delete(target);
      return result;
    }
    throw fail(offsetOf(target), 'unsupported YAML node');
  };

  const entries: ParsedEntry[] = [];
  const walk = (map: YAMLMap<unknown, unknown>, path: readonly string[]): void => {
    const pairs = effectivePairs(map);
    if (pairs.length === 0 && path.length > 0) {
      entries.push({ path, value: Object.create(null), ...lines.at(offsetOf(map)) });
      return;
    }
    enter(map);
    for (const pair of pairs) {
      const next = childPath(path, pair.key);
      const target = resolve(pair.value);
      if (target && isMap(target)) {
        assertPlainTag(target, mapTag, fail);
        walk(target, next);
        continue;
      }
      const offset = target?.range ? target.range[0] : pair.keyOffset;
      entries.push({ path: next, value: plainValue(target), ...lines.at(offset) });
    }
    open.delete(map);
  };
  walk(root, []);
  return entries;
}

/** Runs `yaml`'s own alias accounting once over the whole document; a bomb fails before any expansion. */
function assertBoundedAliases(doc: Document.Parsed, maxAliasCount: number, fail: Fail): void {
  const { visit } = yamlModule();
  try {
    doc.toJS({ maxAliasCount });
  } catch (error) {
    let offset = 0;
    visit(doc, {
      Alias(_key, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const excessive = error instanceof ReferenceError && /resource exhaustion/i.test(error.message);
    const reason = excessive
      ? `aliases expand too much (more than maxAliasCount ${maxAliasCount}): refusing a possible alias bomb`
      : lowerFirst(error instanceof Error ? error.message : String(error));
    throw fail(offset, reason, error);
  }
}

/**
 * The library's message without the file text some messages end with (`Block scalar header includes extra
 * characters: <text>`, `Invalid escape sequence <text>`, `Unresolved tag: <text>`): that text may be part of
 * a secret, and the position and masked excerpt already say where the problem is.
 */
export function yamlReason(message: string): string {
  const first = message.split('\n')[0] ?? '';
  if (first.startsWith('Unexpected ')) return 'Unexpected token';
  const embedded = /^(Invalid escape sequence)\b/.exec(first);
  if (embedded) return embedded[1]!;
  const colon = first.indexOf(': ');
  return colon < 0 ? first : first.slice(0, colon);
}

function isMergeKey(key: Node | null): boolean {
  const { isScalar } = yamlModule();
  if (!key || !isScalar(key)) return false;
  const value = key.value;
  if (typeof value === 'symbol') return value.description === '<<';
  return value === '<<' && (key.type === undefined || key.type === 'PLAIN');
}

function keyOf(key: Node | null, original: Node | null, fail: Fail): string {
  const { isScalar } = yamlModule();
  if (key && isScalar(key)) {
    const value = key.value;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
      return key.source ?? String(value);
    }
  }
  throw fail(offsetOf(original), 'mapping keys must be strings or numbers');
}

function scalarValue(node: Node & { value: unknown; tag?: string }, fail: Fail): LeafValue {
  const value = node.value;
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint' ||
    value instanceof Date
  ) {
    return value;
  }
  throw fail(offsetOf(node), `unsupported value${node.tag ? ` with tag ${node.tag}` : ''}`);
}

function assertPlainTag(node: Node, expected: string, fail: Fail): void {
  if (node.tag !== undefined && node.tag !== expected)
    throw fail(offsetOf(node), `unsupported tag ${node.tag}`);
}

function offsetOf(node: Node | null | undefined): number {
  return node?.range?.[0] ?? 0;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
