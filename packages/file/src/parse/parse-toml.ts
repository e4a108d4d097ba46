import { type LeafValue, ParseError } from '@strata/core';
import { excerptAt } from '@strata/core/source';
import { tomlModule } from '../lazy-modules.js';
import { LineIndex, type Position } from './line-index.js';
import { parseFailure } from './parse-failure.js';
import type { ParsedEntry } from './parsed-config.js';
import { tomlKeyPositions } from './toml-key-positions.js';
import { childPath } from './child-path.js';

/**
 * TOML through smol-toml. Positions come from a light key scanner (line and column of the value; a leaf
 * inside an inline table or array takes the position of that table or array). Offset and local
 * date-times and local dates become `Date`s; a local time stays its TOML text (`07:32:00`). Integers too
 * large for a number become `bigint`s; one beyond TOML's 64-bit range is refused (the spec says a parser
 * must not accept it). `text` has no BOM.
 */
export function parseToml(text: string, file: string): ParsedEntry[] {
  let tree: Record<string, unknown>;
  try {
    tree = tomlModule().parse(text, { integersAsBigInt: 'asNeeded' }) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof tomlModule().TomlError)) throw error;
    const lines = new LineIndex(text);
    const reason = error.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '') ?? 'invalid TOML';
    const offset = offsetOfPosition(text, error.line, error.column);
    throw parseFailure({ file, text, lines, offset, reason: lowerFirst(reason) }, error);
  }

  const lines = new LineIndex(text);
  const positions = tomlKeyPositions(text);
  const positionOf = (path: readonly string[]): Position | undefined => {
    for (let length = path.length; length > 0; length--) {
      const offset = positions.get(JSON.stringify(path.slice(0, length)));
      if (offset !== undefined) return lines.at(offset);
    }
    return undefined;
  };

  const entries: ParsedEntry[] = [];
  const walk = (node: Record<string, unknown>, path: readonly string[]): void => {
    const keys = Object.keys(node);
    if (keys.length === 0 && path.length > 0) {
      entries.push({ path, value: Object.create(null), ...positionOf(path) });
      return;
    }
    for (const key of keys) {
      const value = node[key];
      const next = childPath(path, key);
      if (isTable(value)) walk(value, next);
      else {
        const position = positionOf(next);
        if (!fitsInt64(value)) {
          const { line = 1, column = 1 } = position ?? {};
          throw new ParseError({
            file,
            line,
            column,
            reason: `"${next.join('.')}" is an integer beyond 64 bits (TOML integers run from -2^63 to 2^63-1)`,
            excerpt: excerptAt(text, line, column),
          });
        }
        entries.push({ path: next, value: leafOf(value), ...position });
      }
    }
  };
  walk(tree, []);
  return entries;
}

const minInt64 = -(2n ** 63n);
const maxInt64 = 2n ** 63n - 1n;

/** False for a bigint (in the value, a list of it or an inline table of it) outside the int64 range. */
function fitsInt64(value: unknown): boolean {
  if (typeof value === 'bigint') return value >= minInt64 && value <= maxInt64;
  if (Array.isArray(value)) return value.every(fitsInt64);
  if (isTable(value)) return Object.values(value).every(fitsInt64);
  return true;
}

function isTable(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

function leafOf(value: unknown): LeafValue {
  if (value instanceof tomlModule().TomlDate)
    return value.isTime() ? value.toISOString() : new Date(value.getTime());
  if (Array.isArray(value)) return value.map(leafOf);
  if (isTable(value)) {
    const result: Record<string, LeafValue> = Object.create(null);
    for (const key of Object.keys(value)) result[key] = leafOf(value[key]);
    return result;
  }
  return value as LeafValue;
}

/** smol-toml reports 1-based line and column; turn them back into an offset for the shared error builder. */
function offsetOfPosition(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + Math.max(0, column - 1);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
