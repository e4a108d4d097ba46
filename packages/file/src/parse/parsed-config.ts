import type { LeafValue } from '@strata/core';

/** The file formats {@link parseConfigFile} understands. */
export type ConfigFormat = 'json' | 'yaml' | 'toml';

/** One leaf of a parsed file, with the 1-based position of its value when the format gives one. */
export interface ParsedEntry {
  /** Key segments from the top of the file (`['database', 'pool', 'size']`). */
  readonly path: readonly string[];
  /**
   * The value: a scalar, `null`, a `Date` (TOML dates), an array (arrays are leaves, kept whole) or an empty
   * object (an empty mapping/table, kept so its key is still checked for safety; it sets nothing).
   */
  readonly value: LeafValue;
  /** 1-based line of the value. Absent when the position is unknown (some TOML values). */
  readonly line?: number | undefined;
  /** 1-based column of the value. Absent when the position is unknown. */
  readonly column?: number | undefined;
}

/** What {@link parseConfigFile} returns. */
export interface ParsedConfigFile {
  /** The file name as given (used in locators and errors). */
  readonly file: string;
  readonly format: ConfigFormat;
  /** Leaves in document order; nested mappings are walked, arrays are one entry. */
  readonly entries: readonly ParsedEntry[];
  /** The file holds no value at all (blank, or only whitespace and comments). */
  readonly empty: boolean;
}

/** `config/production.yaml:12:7`, or just the file when the position is unknown. */
export function locatorOf(file: string, entry: Pick<ParsedEntry, 'line' | 'column'>): string {
  if (entry.line === undefined) return file;
  return entry.column === undefined ? `${file}:${entry.line}` : `${file}:${entry.line}:${entry.column}`;
}
