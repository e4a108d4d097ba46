import type { LayerBuilder } from '@strata/core';
import { locatorOf, type ParsedConfigFile } from '../parse/parsed-config.js';

/** Adds every leaf of a parsed file to the layer, with `file` origins (`config/app.yaml:12:7`). */
export function addParsedFile(builder: LayerBuilder, parsed: ParsedConfigFile): void {
  for (const entry of parsed.entries) {
    builder.set(entry.path, entry.value, { source: 'file', locator: locatorOf(parsed.file, entry) });
  }
}
