import type { Origin } from '@strata/core';
import type { LayerBuilder } from '@strata/core/source';
import { type EntryPositions, LazyEntry } from '../parse/parse-yaml-fast.js';
import { locatorOf, type ParsedConfigFile } from '../parse/parsed-config.js';

/**
 * Adds every leaf of a parsed file to the layer, with `file` origins (`config/app.yaml:12:7`), each with the
 * file's level when the source stacks several directories (`global`, `environment`, `service`).
 */
export function addParsedFile(builder: LayerBuilder, parsed: ParsedConfigFile, level?: string): void {
  const { file } = parsed;
  // One per file and position index: each origin points at it rather than holding the file name and index.
  let lazyFile: LazyFile | undefined;
  for (const entry of parsed.entries) {
    if (entry instanceof LazyEntry && lazyFile?.positions !== entry.positions)
      lazyFile = { file, positions: entry.positions };
    const origin: Origin =
      entry instanceof LazyEntry
        ? new LazyFileOrigin(lazyFile!, entry.path, level)
        : level === undefined
          ? { source: 'file', locator: locatorOf(file, entry) }
          : { source: 'file', locator: locatorOf(file, entry), level };
    builder.set(entry.path, entry.value, origin);
  }
}

/** The file a lazily positioned origin is in, and where its leaves are. */
interface LazyFile {
  readonly file: string;
  readonly positions: EntryPositions;
}

const unknownPosition = { line: undefined, column: undefined };

/**
 * The origin of a lazily positioned entry: its locator is computed when first read. `locator` is an own,
 * enumerable accessor, so spreading or serialising the origin still yields `file:line:column`. Every instance
 * gets the same accessor, so all share one hidden class; an object literal with a getter would carry its own
 * closure and fall back to a slow dictionary of properties, for each of a large file's leaves. It keeps the
 * entry's path, not the parsed entry: a layer keeps an origin per leaf for as long as its generation lives.
 */
class LazyFileOrigin implements Origin {
  static readonly #locator: PropertyDescriptor = {
    get(this: LazyFileOrigin): string {
      return locatorOf(this.#in.file, this.#in.positions.of(this.#path) ?? unknownPosition);
    },
    enumerable: true,
    configurable: true,
  };

  readonly source = 'file';
  declare readonly locator: string;
  declare readonly level?: string;
  readonly #in: LazyFile;
  readonly #path: readonly string[];

  constructor(lazyFile: LazyFile, path: readonly string[], level: string | undefined) {
    this.#in = lazyFile;
    this.#path = path;
    Object.defineProperty(this, 'locator', LazyFileOrigin.#locator);
    // Only when set, after the locator: origins without a level keep the shape they always had.
    if (level !== undefined) Object.defineProperty(this, 'level', { value: level, enumerable: true });
  }
}
