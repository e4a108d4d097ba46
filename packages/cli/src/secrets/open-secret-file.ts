import { configFormatOf } from '@strata/file';
import { CliError } from '../cli/cli-error.js';
import { readCliFile } from '../cli/read-cli-file.js';
import { atomicWrite } from '../output/atomic-write.js';
import { JsonSecretDocument } from './json-secret-document.js';
import { parseConfigText } from './parse-config-text.js';
import type { SecretDocument } from './secret-document.js';
import { YamlSecretDocument } from './yaml-secret-document.js';

/** A file opened for editing its encrypted values. */
export interface OpenedSecretFile {
  /** The file's absolute path. */
  readonly file: string;
  /** The file's name for messages (relative to `--cwd`). */
  readonly displayName: string;
  /** False when the file did not exist (only with `create`). */
  readonly existed: boolean;
  readonly document: SecretDocument;
  /** Write the document back atomically (temporary file in the same directory, then rename). */
  save(): Promise<void>;
}

/** Options of {@link openSecretFile}. */
export interface OpenSecretFileOptions {
  /** The file's name for messages and locators. */
  readonly displayName: string;
  /** A missing file is an empty document instead of an error. @default false */
  readonly create?: boolean;
}

/**
 * Open a YAML or JSON file for editing. The file is first parsed with `@strata/file`'s parser, so a file the
 * file source would refuse (a syntax error, duplicate keys, an unsafe key) is refused here with the same
 * `UnsafeKeyError`, or a `ParseError` reduced to its first line (`file:line:column: reason`): the excerpt that
 * follows it repeats the file's line, which may hold a plain-text secret. TOML and other formats are a usage error: they cannot be rewritten
 * keeping their layout.
 */
export async function openSecretFile(
  file: string,
  options: OpenSecretFileOptions,
): Promise<OpenedSecretFile> {
  const { displayName } = options;
  const format = configFormatOf(file);
  if (format !== 'yaml' && format !== 'json') {
    const what = format === 'toml' ? 'TOML files are not rewritten' : 'it is not a .yaml, .yml or .json file';
    throw CliError.usage(`${displayName}: ${what}; encrypted values can be written into YAML and JSON files`);
  }
  let found: Awaited<ReturnType<typeof readCliFile>>;
  try {
    found = await readCliFile(file, displayName);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw CliError.problems(`cannot read ${displayName} (${code ?? 'error'})`, { cause: error });
  }
  if (found.kind === 'missing' && !options.create) throw CliError.usage(`${displayName}: no such file`);
  const existed = found.kind === 'file';
  const bom = found.kind === 'file' ? found.bom : '';
  const text = found.kind === 'file' ? found.text : '';
  const parsed = parseConfigText(text, displayName, format);
  const document =
    format === 'yaml'
      ? new YamlSecretDocument(text, displayName)
      : new JsonSecretDocument(text, displayName, parsed.entries);
  return {
    file,
    displayName,
    existed,
    document,
    save: async () => {
      try {
        await atomicWrite(file, bom + document.toString());
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'error';
        const hint = code === 'ENOENT' ? ': its directory does not exist' : ` (${code})`;
        throw CliError.problems(`cannot write ${displayName}${hint}`, { cause: error });
      }
    },
  };
}
