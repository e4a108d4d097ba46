import { InputLimitError } from '../errors/input-limit-error.js';
import { StrataError } from '../errors/strata-error.js';
import { decodeInputText } from '../layer/decode-input-text.js';
import { readInputFile } from '../layer/read-input-file.js';
import type { InputLimits } from '../models/input-limits.js';

/** A `${file:…}` file's text, or why there is none (`unset`: the file is not there, so a fallback applies). */
export type ReferencedText =
  | { readonly text: string }
  | { readonly missing: string; readonly unset: boolean };

/**
 * Read the file a `${file:…}` names through core's bounded reader: regular files only (a link to `/dev/zero`
 * or a FIFO is refused), at most `limits.maxBytes` (past it: an `InputLimitError`, which stops the load),
 * strict UTF-8. One trailing newline is dropped: a secret mounted as a file (Docker, Kubernetes) usually ends
 * with one that nobody means as part of the value.
 */
export async function readReferencedText(options: {
  readonly path: string;
  readonly display: string;
  readonly limits: InputLimits;
  readonly raise: string;
}): Promise<ReferencedText> {
  const { display } = options;
  let file: Awaited<ReturnType<typeof readInputFile>>;
  try {
    file = await readInputFile({ ...options, source: 'interpolation' });
  } catch (error) {
    if (InputLimitError.is(error)) throw error;
    if (StrataError.is(error)) return { missing: error.message, unset: false };
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { missing: `${display} cannot be read (${code})`, unset: false };
  }
  if (file.kind === 'missing') return { missing: `${display} does not exist`, unset: true };
  if (file.kind === 'dangling') {
    return { missing: `${display} is a link to ${file.target}, which does not exist`, unset: true };
  }
  try {
    return {
      text: decodeInputText(file.bytes, display)
        .replace(/^\uFEFF/, '')
        .replace(/\r?\n$/, ''),
    };
  } catch (error) {
    if (StrataError.is(error)) return { missing: error.message, unset: false };
    throw error;
  }
}
