import { randomBytes } from 'node:crypto';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Write `text` to `file` atomically: a temporary file in the same directory, then a rename over the target,
 * so a reader (or a watching service) never sees half a file. Keeps an existing file's permissions.
 */
export async function atomicWrite(file: string, text: string): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const mode = await stat(file).then(
    (stats) => stats.mode & 0o777,
    () => undefined,
  );
  try {
    await writeFile(temp, text, mode === undefined ? { encoding: 'utf8' } : { encoding: 'utf8', mode });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
