import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fixtures directory of the file package's tests. */
export const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** The text of a fixture file. */
export function fixture(path: string): Promise<string> {
  return readFile(join(fixtures, path), 'utf8');
}
