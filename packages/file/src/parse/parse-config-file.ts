import { StrataError } from '@strata/core';
import { LayerBuilder } from '@strata/core/source';
import { configFormatOf } from './config-format.js';
import { parseJson } from './parse-json.js';
import { parseToml } from './parse-toml.js';
import { parseYaml } from './parse-yaml.js';
import { parseYamlFast } from './parse-yaml-fast.js';
import { type ConfigFormat, locatorOf, type ParsedConfigFile, type ParsedEntry } from './parsed-config.js';

/** Options of {@link parseConfigFile}. */
export interface ParseConfigFileOptions {
  /** The file's content. A leading UTF-8 BOM is ignored. */
  text: string;
  /** The name used in errors and locators, usually relative to the working directory (`config/app.yaml`). */
  file: string;
  /** The format; by default taken from the extension (`.json`, `.yaml`, `.yml`, `.toml`). */
  format?: ConfigFormat;
  /**
   * YAML only: how far aliases may expand, counted the way the `yaml` package counts (per anchor, nested
   * aliases multiply). Beyond it the file is refused as a likely alias bomb.
   * @default 100
   */
  maxAliasCount?: number;
  /**
   * Loaders only: read YAML values with the fast parser and look positions up when first needed (see
   * `parseYamlFast`). `parseConfigFile` always reads positions eagerly.
   * @default false
   */
  lazyPositions?: boolean;
}

/**
 * Parses one configuration file into leaves with positions, without loading anything else. Throws a
 * `ParseError` (file, line, column, excerpt) for malformed content, duplicate keys, several YAML documents,
 * a top-level value that is not a mapping, or an alias bomb; and an `UnsafeKeyError` for a `__proto__`,
 * `prototype` or `constructor` key anywhere (merge keys and arrays included).
 */
export function parseConfigFile(options: ParseConfigFileOptions): ParsedConfigFile {
  const parsed = parseConfigEntries(options);
  // The same gate every layer passes through, so the CLI's check refuses exactly what loading refuses.
  const builder = new LayerBuilder({ source: 'file' });
  for (const entry of parsed.entries) {
    builder.set(entry.path, entry.value, { source: 'file', locator: locatorOf(parsed.file, entry) });
  }
  return parsed;
}

/** {@link parseConfigFile} without the unsafe-key check (the caller's `LayerBuilder` does it). */
export function parseConfigEntries(options: ParseConfigFileOptions): ParsedConfigFile {
  const { file } = options;
  const format = options.format ?? configFormatOf(file);
  if (format === undefined) {
    throw new StrataError(
      'DEFINITION_INVALID',
      `${file}: unknown configuration format; use a .json, .yaml, .yml or .toml file, or name the format`,
    );
  }
  const text = options.text.charCodeAt(0) === 0xfeff ? options.text.slice(1) : options.text;
  let entries: ParsedEntry[] | undefined;
  if (text.trim() === '') entries = undefined;
  else if (format === 'json') entries = parseJson(text, file);
  else if (format === 'yaml') {
    const precise = () => parseYaml(text, file, { maxAliasCount: options.maxAliasCount ?? 100 });
    const fast = options.lazyPositions ? parseYamlFast(text, precise) : null;
    entries = fast === null ? precise() : fast;
  } else {
    entries = parseToml(text, file);
    // A TOML file always has a top-level table; one with nothing but comments counts as empty.
    if (entries.length === 0) entries = undefined;
  }
  return { file, format, entries: entries ?? [], empty: entries === undefined };
}
