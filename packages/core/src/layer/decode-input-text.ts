import { ParseError } from '../errors/parse-error.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The text of a configuration or `.env` file, which must be UTF-8. Refuses, with a {@link ParseError} naming
 * file and line, what would otherwise load as something else: UTF-16 or UTF-32 (with or without a byte-order
 * mark; its NUL bytes would reach values and messages), any other NUL byte, and invalid UTF-8 (decoded
 * leniently it becomes U+FFFD inside a value, silently). A UTF-8 byte-order mark is kept for the parser to skip.
 */
export function decodeInputText(bytes: Uint8Array, file: string): string {
  if (
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)
  ) {
    throw refusal(
      file,
      1,
      1,
      'the file is UTF-16 or UTF-32 encoded (it starts with a byte-order mark); save it as UTF-8',
    );
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const { line, column } = positionOf(bytes, nul);
    throw refusal(
      file,
      line,
      column,
      'the file contains a NUL byte (UTF-16 without a byte-order mark, or not a text file); save it as UTF-8',
    );
  }
  try {
    return decoder.decode(bytes);
  } catch {
    const { line, column } = positionOf(bytes, firstInvalidUtf8(bytes));
    throw refusal(
      file,
      line,
      column,
      'the file is not valid UTF-8 (an invalid byte sequence); save it as UTF-8',
    );
  }
}

function refusal(file: string, line: number, column: number, reason: string): ParseError {
  return new ParseError({ file, line, column, reason });
}

/** 1-based line and byte column of `offset`. */
function positionOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** The offset of the first byte that does not begin a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [length, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [length, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [length, min] = [4, 0x10000];
    else return i;
    let code = b & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += length;
  }
  return bytes.length;
}
