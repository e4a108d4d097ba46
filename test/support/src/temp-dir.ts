import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary directory and the way to remove it. */
export interface TempDir {
  /** The directory's absolute path. */
  readonly dir: string;
  /** Remove the directory and everything in it. */
  cleanup(): Promise<void>;
}

/** A fresh directory under the OS temp dir (named `<prefix>XXXXXX`), removed by `cleanup()`. */
export async function tempDir(prefix = 'strata-test-'): Promise<TempDir> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
