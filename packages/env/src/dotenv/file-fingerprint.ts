import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { defaultInputLimits } from '@strata/core/source';
import { isMissing } from './read-dotenv-file.js';

/** A file's content digest: `sha256:<hex>`, `missing`, or `error:<code>` when it cannot be read. */
export function fingerprintText(text: string | undefined): string {
  return text === undefined ? 'missing' : `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/**
 * Read `path` now and digest it. Synchronous: `.env` files are small, and it keeps checks in order. Only a
 * regular file within `maxBytes` is read (a link swapped to `/dev/zero` or a FIFO would block the process);
 * anything else gets an `error:` digest, so the change is still signalled and the load reports it.
 */
export function fingerprintFile(path: string, maxBytes = defaultInputLimits.maxBytes): string {
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return 'error:not-a-regular-file';
    if (stats.size > maxBytes) return 'error:too-large';
    return fingerprintText(readFileSync(path, 'utf8'));
  } catch (error) {
    if (isMissing(error)) return 'missing';
    return `error:${(error as NodeJS.ErrnoException).code ?? 'unknown'}`;
  }
}
