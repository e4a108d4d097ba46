import { type InputLimits, StrataError } from '@strata/core';
import { InputShapeCounter, LayerBuilder, resolveInputLimits } from '@strata/core/source';
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
  /**
   * Size and shape bounds checked before and after parsing: bytes, keys, nesting depth, string length. A file
   * past one is refused with an `InputLimitError` naming it and the limit.
   * @default defaultInputLimits (10 MiB, 100,000 keys, 64 levels, 1 MiB strings)
   */
  limits?: Partial<InputLimits>;
}

/**
 * Parses one configuration file into leaves with positions, without loading anything else. Throws a
 * `ParseError` (file, line, column, excerpt) for malformed content, duplicate keys, several YAML documents,
 * a top-level value that is not a mapping, or an alias bomb; an `UnsafeKeyError` for a `__proto__`,
 * `prototype` or `constructor` key anywhere (merge keys and arrays included); and an `InputLimitError` for a
 * file past one of its `limits`.
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

/**
 * {@link parseConfigFile} without the unsafe-key check (the caller's `LayerBuilder` does it). `raise` names
 * the function whose `limits` option raises a limit, for messages.
 */
export function parseConfigEntries(
  options: ParseConfigFileOptions,
  raise = 'parseConfigFile',
): ParsedConfigFile {
  const { file } = options;
  const format = options.format ?? configFormatOf(file);
  if (format === undefined) {
    throw new StrataError(
      'DEFINITION_INVALID',
      `${file}: unknown configuration format; use a .json, .yaml, .yml or .toml file, or name the format`,
    );
  }
  const text = options.text.charCodeAt(0) === 0xfeff ? options.text.slice(1) : options.text;
  const counter = new InputShapeCounter({ limits: resolveInputLimits(options.limits), input: file, raise });
  // Before any parser runs: the size, and bracket nesting that would overflow a recursive parser's stack.
  counter.text(text, format);
  let entries: ParsedEntry[] | undefined;
  try {
    entries = parseEntries(text, file, format, options);
  } catch (error) {
    // Nesting the first scan cannot see (YAML indentation) can still exhaust a parser's stack.
    if (error instanceof RangeError && /call stack/i.test(error.message)) counter.fail('maxDepth');
    throw error;
  }
  for (const entry of entries ?? []) counter.entry(entry.path, entry.value);
  return { file, format, entries: entries ?? [], empty: entries === undefined };
}

/** A character `String.prototype.trim` would keep (`\s` is exactly the set it removes). */
const nonBlank = /\S/;

function parseEntries(
  text: string,
  file: string,
  format: ConfigFormat,
  options: ParseConfigFileOptions,
): ParsedEntry[] | undefined {
  // Not `text.trim() === ''`: that copies the whole text (once per file and load) to look at its first characters.
  if (!nonBlank.test(text)) return undefined;
  if (format === 'json') return parseJson(text, file);
  if (format === 'yaml') {
    const precise = () => parseYaml(text, file, { maxAliasCount: options.maxAliasCount ?? 100 });
    const fast = options.lazyPositions ? parseYamlFast(text, precise) : null;
    return fast === null ? precise() : fast;
  }
  const entries = parseToml(text, file);
  // A TOML file always has a top-level table; one with nothing but comments counts as empty.
  return entries.length === 0 ? undefined : entries;
}
