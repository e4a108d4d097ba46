import type { Origin } from '@strata/core';
import type { LayerBuilder } from '@strata/core/source';
import { LazyEntry } from '../parse/parse-yaml-fast.js';
import { locatorOf, type ParsedConfigFile, type ParsedEntry } from '../parse/parsed-config.js';

/** Adds every leaf of a parsed file to the layer, with `file` origins (`config/app.yaml:12:7`). */
export function addParsedFile(builder: LayerBuilder, parsed: ParsedConfigFile): void {
  const { file } = parsed;
  for (const entry of parsed.entries) {
    const origin: Origin =
      entry instanceof LazyEntry
        ? new LazyFileOrigin(file, entry)
        : { source: 'file', locator: locatorOf(file, entry) };
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
  readonly #file: string;
  readonly #entry: ParsedEntry;

  constructor(file: string, entry: ParsedEntry) {
    this.#file = file;
    this.#entry = entry;
    Object.defineProperty(this, 'locator', LazyFileOrigin.#locator);
  }
}
