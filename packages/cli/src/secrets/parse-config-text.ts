import { type ConfigFormat, type ParsedConfigFile, parseConfigFile } from '@strata/file';
import { CliError } from '../cli/cli-error.js';
import { safeErrorMessage } from './safe-error-message.js';

/** `parseConfigFile`, with a parse error's message cut before its excerpt of the file. */
export function parseConfigText(text: string, displayName: string, format: ConfigFormat): ParsedConfigFile {
  try {
    return parseConfigFile({ text, file: displayName, format });
  } catch (error) {
    throw CliError.problems(safeErrorMessage(error), { cause: error });
  }
}
