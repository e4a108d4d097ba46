import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isMissing } from './read-dotenv-file.js';

/** A file's content digest: `sha256:<hex>`, `missing`, or `error:<code>` when it cannot be read. */
export function fingerprintText(text: string | undefined): string {
  return text === undefined ? 'missing' : `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** Read `path` now and digest it. Synchronous: `.env` files are small, and it keeps checks in order. */
export function fingerprintFile(path: string): string {
  try {
    return fingerprintText(readFileSync(path, 'utf8'));
  } catch (error) {
    if (isMissing(error)) return 'missing';
    return `error:${(error as NodeJS.ErrnoException).code ?? 'unknown'}`;
  }
}
