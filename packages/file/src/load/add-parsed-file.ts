import type { LayerBuilder, Origin } from '@strata/core';
import { LazyEntry } from '../parse/parse-yaml-fast.js';
import { locatorOf, type ParsedConfigFile } from '../parse/parsed-config.js';

/** Adds every leaf of a parsed file to the layer, with `file` origins (`config/app.yaml:12:7`). */
export function addParsedFile(builder: LayerBuilder, parsed: ParsedConfigFile): void {
  const { file } = parsed;
  for (const entry of parsed.entries) {
    // A lazily positioned entry gets an origin whose locator is computed when first read (an own, enumerable
    // getter, so spreading or serialising the origin still yields `file:line:column`).
    const origin: Origin =
      entry instanceof LazyEntry
        ? {
            source: 'file',
            get locator() {
              return locatorOf(file, entry);
            },
          }
        : { source: 'file', locator: locatorOf(file, entry) };
    builder.set(entry.path, entry.value, origin);
  }
}
