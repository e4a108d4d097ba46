import { sha256 } from './sha256.js';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { defaultInputLimits } from '@strata/core/source';
import { isMissing } from './read-dotenv-file.js';

/** A file's content digest: `sha256:<hex>`, `missing`, or `error:<code>` when it cannot be read. */
export function fingerprintText(text: string | undefined): string {
  return text === undefined ? 'missing' : `sha256:${sha256().update(text).digest('hex')}`;
}

/**
 * Read `path` now and digest it. Synchronous: `.env` files are small, and it keeps checks in order. Only a
 * regular file within `maxBytes` is read (a link swapped to `/dev/zero` or a FIFO would block the process);
 * anything else gets an `error:` digest, so the change is still signalled and the load reports it. The
 * checks are made on the opened file, and the byte limit while reading, as `readInputFile` does: a link
 * swapped between a check and the read, or a file whose size says 0 (`/proc`), cannot slip past them.
 */
export function fingerprintFile(path: string, maxBytes = defaultInputLimits.maxBytes): string {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer would otherwise block the process.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if (isMissing(error)) return 'missing';
    return `error:${(error as NodeJS.ErrnoException).code ?? 'unknown'}`;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return 'error:not-a-regular-file';
    if (stats.size > maxBytes) return 'error:too-large';
    const hash = sha256();
    const buffer = Buffer.allocUnsafe(64 * 1024);
    let total = 0;
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      total += read;
      if (total > maxBytes) return 'error:too-large';
      hash.update(buffer.subarray(0, read));
    }
    return `sha256:${hash.digest('hex')}`;
  } catch (error) {
    return `error:${(error as NodeJS.ErrnoException).code ?? 'unknown'}`;
  } finally {
    closeSync(fd);
  }
}
