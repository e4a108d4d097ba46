import type { LeafValue } from '@strata/core';
import jsyaml from 'js-yaml';
import { childPath } from './child-path.js';
import { CoreScalarResolver } from './core-scalar-resolver.js';
import { FastYamlGuard } from './fast-yaml-guard.js';
import type { ParsedEntry } from './parsed-config.js';

/**
 * Text the precise parser reads differently from js-yaml, whatever surrounds it: a directive (`%YAML 1.1`
 * changes the schema), a tab in the indentation (`yaml` refuses it where js-yaml often accepts it), a list
 * entry with nothing after its dash on its line (js-yaml may then take the next, less indented entries into
 * the same list, or accept a list `yaml` refuses), an explicit block key (`? [a, b]`: js-yaml makes a string
 * of a list or mapping key, `yaml` refuses it; in flow collections the guard catches those), a byte order
 * mark inside the text (`yaml` skips it), and a lone carriage return as a line break (the guard finds
 * multi-line nodes by their `\n`).
 */
const preciseText =
  /^(?:%| *\t| *(?:-[ \t]+)*-[ \t]*(?:#.*)?\r?$| *(?:-[ \t]+)*\?(?:[ \t]|\r?$))|\uFEFF|\r(?!\n)/m;

let resolver: CoreScalarResolver | undefined;

/**
 * The loaders' YAML reader: values from js-yaml (about twenty times faster than `yaml` on large files), while
 * positions come from the precise parser only when an origin's locator is first read — errors, `explain`,
 * change events — which a normal start never does for most values.
 *
 * It reads exactly what the precise parser reads, node by node: plain scalars through the `yaml` package's own
 * core-schema rules ({@link CoreScalarResolver}), so `0b1clj0a`, `0o17`, `1_000` or `-0` anywhere in a file
 * cost nothing more than where they are. It returns `null` (the caller then runs the precise parser, which also
 * reports errors with its own message and position) only where a node needs YAML features it leaves to that
 * parser — an anchor, alias, explicit tag, `<<` merge key or directive — where a mapping key would read
 * differently (`1.0:`, `~:`, `[a, b]:` keep their spelling or are refused there), for a top level that is not
 * a mapping, and for anything js-yaml refuses (duplicate keys, several documents, malformed text).
 */
export function parseYamlFast(
  text: string,
  precise: () => ParsedEntry[] | undefined,
): ParsedEntry[] | undefined | null {
  if (preciseText.test(text)) return null;
  resolver ??= new CoreScalarResolver();
  const guard = new FastYamlGuard(resolver);
  let root: unknown;
  try {
    root = jsyaml.load(text, {
      schema: resolver.schema,
      listener: guard.listener as (eventType: string, state: unknown) => void,
    });
  } catch {
    return null;
  }
  if (!isMapping(root)) return root === undefined ? undefined : null;
  const positions = new PositionIndex(precise);
  const entries: ParsedEntry[] = [];
  const walk = (node: Record<string, unknown>, path: readonly string[]): boolean => {
    const keys = Object.keys(node);
    if (keys.length === 0 && path.length > 0) {
      entries.push(new LazyEntry(path, Object.create(null) as LeafValue, positions));
      return true;
    }
    for (const key of keys) {
      // An integer-like key comes first in a JavaScript object, not where the file has it: the precise parser
      // lists the file's leaves in the file's order.
      if (guard.suspectKeys.has(key) || isIndexLike(key)) return false;
      const value = node[key];
      const next = childPath(path, key);
      if (isMapping(value)) {
        if (!walk(value, next)) return false;
        continue;
      }
      const leaf = Array.isArray(value) ? plainList(value, guard.suspectKeys) : (value as LeafValue);
      if (leaf === undefined) return false;
      entries.push(new LazyEntry(next, leaf, positions));
    }
    return true;
  };
  return walk(root, []) ? entries : null;
}

/** A key JavaScript orders before the others (an array index). */
function isIndexLike(key: string): boolean {
  const first = key.charCodeAt(0);
  return first >= 48 && first <= 57 && /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4_294_967_295;
}

/**
 * A list as the precise parser gives it: mappings inside it with null prototypes (as every node of a layer),
 * or `undefined` when one of their keys is suspect.
 */
function plainList(list: readonly unknown[], suspectKeys: ReadonlySet<string>): LeafValue[] | undefined {
  const copy: LeafValue[] = [];
  for (const item of list) {
    const value = plainItem(item, suspectKeys);
    if (value === undefined) return undefined;
    copy.push(value);
  }
  return copy;
}

function plainItem(item: unknown, suspectKeys: ReadonlySet<string>): LeafValue | undefined {
  if (Array.isArray(item)) return plainList(item, suspectKeys);
  if (!isMapping(item)) return item as LeafValue;
  const copy: Record<string, LeafValue> = Object.create(null);
  for (const key of Object.keys(item)) {
    if (suspectKeys.has(key)) return undefined;
    const value = plainItem(item[key], suspectKeys);
    if (value === undefined) return undefined;
    copy[key] = value;
  }
  return copy;
}

/** An entry whose line and column are looked up on first use. */
export class LazyEntry implements ParsedEntry {
  constructor(
    readonly path: readonly string[],
    readonly value: LeafValue,
    /** The positions of the file's leaves, shared by its entries (an origin can look its own up later). */
    readonly positions: EntryPositions,
  ) {}

  get line(): number | undefined {
    return this.positions.of(this.path)?.line;
  }

  get column(): number | undefined {
    return this.positions.of(this.path)?.column;
  }
}

/** Where a file's leaves are, by path. */
export interface EntryPositions {
  /** The precisely parsed entry at `path`, with its line and column; undefined when unknown. */
  of(path: readonly string[]): ParsedEntry | undefined;
}

/** Positions of a file's leaves, from one precise parse done on first request. */
class PositionIndex implements EntryPositions {
  #byPath: Map<string, ParsedEntry> | undefined;
  #precise: (() => ParsedEntry[] | undefined) | undefined;

  constructor(precise: () => ParsedEntry[] | undefined) {
    this.#precise = precise;
  }

  of(path: readonly string[]): ParsedEntry | undefined {
    if (!this.#byPath) {
      this.#byPath = new Map();
      try {
        for (const entry of this.#precise?.() ?? []) this.#byPath.set(entry.path.join('\u0000'), entry);
      } catch {
        // The precise parser refused what js-yaml accepted: origins fall back to the file name.
      }
      this.#precise = undefined; // lets the file's text be collected
    }
    return this.#byPath.get(path.join('\u0000'));
  }
}

function isMapping(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date)
    return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
