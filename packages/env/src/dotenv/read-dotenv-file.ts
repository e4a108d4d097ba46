import { createRequire } from 'node:module';
import { type InputLimits, SourceError, StrataError } from '@strata/core';
import { decodeInputText, InputShapeCounter, readInputFile } from '@strata/core/source';
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
  /** The path is a symbolic link to nothing: the link's target (the file counts as missing). */
  readonly dangling?: string;
}

/**
 * Read and parse one `.env` file with dotenv's `parse`, within `limits`: only a regular file (links
 * followed), read no further than `maxBytes`, strict UTF-8, at most `maxKeys` variables of at most
 * `maxStringLength` characters. A missing file gives no variables; any other read failure is a
 * {@link SourceError} naming the file, a limit an `InputLimitError`, bad encoding a `ParseError`.
 */
export async function readDotenvFile(fields: {
  /** Absolute path. */
  path: string;
  /** The path shown in origins and messages, relative to the working directory. */
  display: string;
  source: string;
  signal: AbortSignal;
  limits: InputLimits;
}): Promise<DotenvFile> {
  let text: string;
  try {
    const found = await readInputFile({ ...fields, raise: 'dotenvSource' });
    if (found.kind === 'missing') return { text: undefined, variables: [] };
    if (found.kind === 'dangling') return { text: undefined, variables: [], dangling: found.target };
    text = decodeInputText(found.bytes, fields.display);
  } catch (error) {
    if (StrataError.is(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'an error';
    throw new SourceError(
      fields.source,
      `cannot read ${fields.display} (${code}); check that it is a readable file`,
      {
        cause: error,
      },
    );
  }
  const variables = dotenvVariables(text, fields.display);
  const counter = new InputShapeCounter({
    limits: fields.limits,
    input: fields.display,
    raise: 'dotenvSource',
  });
  for (const variable of variables) counter.entry([variable.name], variable.value);
  return { text, variables };
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
