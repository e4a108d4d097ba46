import type { LeafValue } from '@strata/core';
import jsyaml from 'js-yaml';
import type { ParsedEntry } from './parsed-config.js';
import { childPath } from './child-path.js';

/**
 * Text the fast path leaves to the precise parser: anchors, aliases and merge keys (alias bombs and merge
 * semantics are checked there), tags, several documents, and scalars whose reading differs between js-yaml and
 * the YAML 1.2 core schema (`0o`/`0b` numbers, `_` in numbers, `.inf`/`.nan`, `-.5`, `-0`), as the
 * differential test against the precise parser found.
 */
const needsPrecise = /[&*!]|<<|^(---|\.\.\.)|\b0[ob][0-7]|\d_\d|\.(inf|nan)\b|[-+]\.\d|-0(?![\d.x])/im;

/** Double- and single-quoted scalars (on one line) and comments. */
const quotedOrComment = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|(?:^|\s)#.*$/gm;

/**
 * The loaders' YAML reader: values from js-yaml (about twenty times faster than `yaml` on large files), while
 * positions come from the precise parser only when an origin's locator is first read — errors, `explain`,
 * change events — which a normal start never does for most values. Returns `null` when the text needs the
 * precise parser (see {@link needsPrecise}, or any js-yaml complaint: the precise parser then reports it with
 * its own message and position).
 */
export function parseYamlFast(
  text: string,
  precise: () => ParsedEntry[] | undefined,
): ParsedEntry[] | undefined | null {
  // Quoted scalars and comments read the same in both parsers: only the rest can need the precise one
  // (a quoted "0b1x" must not send a whole file to the slow path).
  if (needsPrecise.test(text.replace(quotedOrComment, '""'))) return null;
  let root: unknown;
  try {
    root = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
  } catch {
    return null;
  }
  if (root === undefined || root === null) return undefined;
  if (!isMapping(root)) return null;
  const positions = new PositionIndex(precise);
  const entries: ParsedEntry[] = [];
  const walk = (node: Record<string, unknown>, path: readonly string[]): void => {
    const keys = Object.keys(node);
    if (keys.length === 0 && path.length > 0) {
      entries.push(new LazyEntry(path, Object.create(null) as LeafValue, positions));
      return;
    }
    for (const key of keys) {
      const value = node[key];
      const next = childPath(path, key);
      if (isMapping(value)) walk(value, next);
      else entries.push(new LazyEntry(next, value as LeafValue, positions));
    }
  };
  walk(root, []);
  return entries;
}

/** An entry whose line and column are looked up on first use. */
export class LazyEntry implements ParsedEntry {
  constructor(
    readonly path: readonly string[],
    readonly value: LeafValue,
    private readonly positions: PositionIndex,
  ) {}

  get line(): number | undefined {
    return this.positions.of(this.path)?.line;
  }

  get column(): number | undefined {
    return this.positions.of(this.path)?.column;
  }
}

/** Positions of a file's leaves, from one precise parse done on first request. */
class PositionIndex {
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
