import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { SourceError } from '@strata/core';
import type { RawVariable } from '../variables/raw-variable.js';
import { locateKeys } from './locate-keys.js';

const require = createRequire(import.meta.url);
let dotenvParse: typeof import('dotenv').parse | undefined;

/**
 * dotenv's `parse`, loaded on first use: dotenv also loads `node:crypto` (for its encrypted vault files), a few
 * milliseconds of every start-up that reads only environment variables.
 */
function parse(text: string): Record<string, string> {
  dotenvParse ??= (require('dotenv') as typeof import('dotenv')).parse;
  return dotenvParse(text);
}

/** One `.env` file, read and parsed. */
export interface DotenvFile {
  /** The file's text; `undefined` when the file does not exist. */
  readonly text: string | undefined;
  /** Its variables in line order, each once (its last definition), with `dotenv` origins. */
  readonly variables: readonly RawVariable[];
}

/**
 * Read and parse one `.env` file with dotenv's `parse`. A missing file gives no variables; any other read
 * failure is a {@link SourceError} naming the file.
 */
export async function readDotenvFile(fields: {
  /** Absolute path. */
  path: string;
  /** The path shown in origins and messages, relative to the working directory. */
  display: string;
  source: string;
  signal: AbortSignal;
}): Promise<DotenvFile> {
  let text: string;
  try {
    text = await readFile(fields.path, { encoding: 'utf8', signal: fields.signal });
  } catch (error) {
    if (isMissing(error)) return { text: undefined, variables: [] };
    const code = (error as NodeJS.ErrnoException).code ?? 'an error';
    throw new SourceError(
      fields.source,
      `cannot read ${fields.display} (${code}); check that it is a readable file`,
      {
        cause: error,
      },
    );
  }
  return { text, variables: dotenvVariables(text, fields.display) };
}

/** The variables of a `.env` text, each with `{ source: 'dotenv', locator: 'file:line' }`, in line order. */
export function dotenvVariables(text: string, display: string): RawVariable[] {
  const parsed = parse(text);
  const lines = locateKeys(text);
  const variables = Object.keys(parsed).map((name) => {
    const line = lines.get(name);
    const locator = line === undefined ? display : `${display}:${line}`;
    return { name, value: parsed[name] ?? '', origin: { source: 'dotenv', locator }, line: line ?? 0 };
  });
  variables.sort((a, b) => a.line - b.line);
  return variables.map(({ name, value, origin }) => ({ name, value, origin }));
}

/** ENOENT, or ENOTDIR when a parent of the path is a file. */
export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
