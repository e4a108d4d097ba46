import { configFormatOf, locatorOf } from '@strata/file';
import { CliError } from '../cli/cli-error.js';
import { readCliFile } from '../cli/read-cli-file.js';
import { type LeafEnvelope, leafEnvelopes } from './leaf-envelopes.js';
import { parseConfigText } from './parse-config-text.js';

/** An encrypted value of a file as the file source reads it, with its place. */
export interface FileEnvelope extends LeafEnvelope {
  /** `config/production.yaml:4:13`. */
  readonly locator: string;
}

/** What a file holds, as the file source reads it. */
export interface FileValues {
  /** The encrypted values, in document order. */
  readonly envelopes: readonly FileEnvelope[];
  /** The paths of every value (encrypted or not), dotted. */
  readonly paths: readonly string[];
}

/**
 * Read a JSON, YAML or TOML file with `@strata/file`'s parser (so paths are what the file source gives the
 * engine: YAML aliases and merge keys resolved) and list its encrypted values.
 */
export async function readFileEnvelopes(file: string, displayName: string): Promise<FileValues> {
  const format = configFormatOf(file);
  if (format === undefined) throw CliError.usage(`${displayName}: not a .json, .yaml, .yml or .toml file`);
  let text: string;
  try {
    const found = await readCliFile(file, displayName);
    if (found.kind === 'missing') throw CliError.usage(`${displayName}: no such file`);
    text = found.text;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw CliError.usage(`${displayName}: cannot be read (${code ?? 'error'})`, { cause: error });
  }
  const parsed = parseConfigText(text, displayName, format);
  const envelopes: FileEnvelope[] = [];
  for (const entry of parsed.entries) {
    const locator = locatorOf(displayName, entry);
    for (const found of leafEnvelopes(entry.path, entry.value)) envelopes.push({ ...found, locator });
  }
  return { envelopes, paths: parsed.entries.map((entry) => entry.path.join('.')) };
}
