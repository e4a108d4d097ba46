import type { Origin } from '@strata/core';
import type { LayerBuilder } from '@strata/core/source';
import { LazyEntry } from '../parse/parse-yaml-fast.js';
import { locatorOf, type ParsedConfigFile, type ParsedEntry } from '../parse/parsed-config.js';

/**
 * Adds every leaf of a parsed file to the layer, with `file` origins (`config/app.yaml:12:7`), each with the
 * file's level when the source stacks several directories (`global`, `environment`, `service`).
 */
export function addParsedFile(builder: LayerBuilder, parsed: ParsedConfigFile, level?: string): void {
  const { file } = parsed;
  for (const entry of parsed.entries) {
    const origin: Origin =
      entry instanceof LazyEntry
        ? new LazyFileOrigin(file, entry, level)
        : level === undefined
          ? { source: 'file', locator: locatorOf(file, entry) }
          : { source: 'file', locator: locatorOf(file, entry), level };
    builder.set(entry.path, entry.value, origin);
  }
}

/**
 * The origin of a lazily positioned entry: its locator is computed when first read. `locator` is an own,
 * enumerable accessor, so spreading or serialising the origin still yields `file:line:column`. Every instance
 * gets the same accessor, so all share one hidden class; an object literal with a getter would carry its own
 * closure and fall back to a slow dictionary of properties, for each of a large file's leaves.
 */
class LazyFileOrigin implements Origin {
  static readonly #locator: PropertyDescriptor = {
    get(this: LazyFileOrigin): string {
      return locatorOf(this.#file, this.#entry);
    },
    enumerable: true,
    configurable: true,
  };

  readonly source = 'file';
  declare readonly locator: string;
  declare readonly level?: string;
  readonly #file: string;
  readonly #entry: ParsedEntry;

  constructor(file: string, entry: ParsedEntry, level: string | undefined) {
    this.#file = file;
    this.#entry = entry;
    Object.defineProperty(this, 'locator', LazyFileOrigin.#locator);
    // Only when set, after the locator: origins without a level keep the shape they always had.
    if (level !== undefined) Object.defineProperty(this, 'level', { value: level, enumerable: true });
  }
}
