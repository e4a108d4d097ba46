import { resolve } from 'node:path';
import { StrataError } from '@strata/core';
import { decodeInputText, defaultInputLimits, readInputFile } from '@strata/core/source';

/**
 * A token, a secret_id or a service-account JWT is a few kilobytes at most: a megabyte is far past any real
 * one, and a link to `/dev/zero` ends at once instead of filling memory.
 */
const credentialLimits = { ...defaultInputLimits, maxBytes: 1024 * 1024 };

/**
 * Read a credential (token, secret_id, service-account JWT) from a file, trimmed, the way configuration files
 * are read: only a regular file (links followed; a FIFO or a device would block or never end), within a
 * byte limit, strict UTF-8. Errors name the file and the option, never the content.
 */
export async function readCredentialFile(file: string, cwd: string, option: string): Promise<string> {
  const path = resolve(cwd, file);
  let text: string;
  try {
    const found = await readInputFile({
      path,
      display: path,
      source: 'vault',
      limits: credentialLimits,
      raise: 'vaultSource',
    });
    // Missing, or a link to nothing: the reason the plain read gave, which messages and callers know.
    if (found.kind !== 'file') throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    text = decodeInputText(found.bytes, path);
  } catch (error) {
    throw new Error(`cannot read ${option} ${path} (${reasonOf(error)})`, { cause: error });
  }
  const value = text.trim();
  if (value === '') throw new Error(`${option} ${path} is empty`);
  return value;
}

function reasonOf(error: unknown): string {
  if (StrataError.is(error, 'SOURCE_FAILED')) return 'not a regular file';
  if (StrataError.is(error, 'INPUT_LIMIT')) return `larger than ${credentialLimits.maxBytes} bytes`;
  if (StrataError.is(error, 'PARSE_ERROR')) return 'not UTF-8 text';
  return (error as NodeJS.ErrnoException).code ?? 'unreadable';
}
