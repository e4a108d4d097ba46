import { StrataError } from '@strata/core';
import { decodeInputText, defaultInputLimits, readInputFile } from '@strata/core/source';
import { safeErrorMessage } from '../secrets/safe-error-message.js';
import { CliError } from './cli-error.js';

/** What {@link readCliFile} found. */
export type CliFileText =
  /** The file's text without a UTF-8 byte-order mark, and the mark (`'\uFEFF'` or `''`) to keep when writing. */
  | { readonly kind: 'file'; readonly text: string; readonly bom: string }
  /** Nothing at the path. */
  | { readonly kind: 'missing' };

/**
 * Read a configuration file a command works on (`secrets`, `migrate`) the way the file source reads it: only
 * a regular file (links followed: a link to `/dev/zero` or a FIFO would hang the command), at most the
 * default `limits.maxBytes`, strict UTF-8. Refusals are {@link CliError}s (exit code 1) naming the file; a
 * dangling link is a usage error. Other read failures (`EACCES`) are thrown as they are, for the caller's words.
 */
export async function readCliFile(file: string, displayName: string): Promise<CliFileText> {
  let found: Awaited<ReturnType<typeof readInputFile>>;
  try {
    found = await readInputFile({
      path: file,
      display: displayName,
      source: 'strata',
      limits: defaultInputLimits,
      raise: 'fileSource',
    });
  } catch (error) {
    if (StrataError.is(error, 'SOURCE_FAILED')) {
      // The kit words it for a source ('Source "strata": …'); here the file is the subject.
      throw CliError.problems(error.message.replace(/^Source "strata": /, ''), { cause: error });
    }
    if (StrataError.is(error)) throw CliError.problems(safeErrorMessage(error), { cause: error });
    throw error;
  }
  if (found.kind === 'missing') return found;
  if (found.kind === 'dangling') {
    throw CliError.usage(`${displayName} is a symbolic link to ${found.target}, which does not exist`);
  }
  let raw: string;
  try {
    raw = decodeInputText(found.bytes, displayName);
  } catch (error) {
    throw CliError.problems(safeErrorMessage(error), { cause: error });
  }
  const bom = raw.startsWith('\uFEFF') ? '\uFEFF' : '';
  return { kind: 'file', text: raw.slice(bom.length), bom };
}
