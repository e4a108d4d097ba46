import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** One candidate file as read at one moment. */
export interface FileState {
  /** Absolute path. */
  readonly path: string;
  /** The bytes, when the file could be read. */
  readonly content: Buffer | undefined;
  /** `sha256:<hex>` of the bytes, `missing`, or `error:<code>` when it exists but could not be read. */
  readonly digest: string;
  /** The read error, for a digest `error:<code>`. */
  readonly error?: NodeJS.ErrnoException;
}

/** Every candidate file of a source read through its path, and one hash over all of them. */
export interface FileSnapshot {
  readonly files: readonly FileState[];
  /** sha256 over each candidate's path and digest: changes when content changes, or a file appears or goes. */
  readonly hash: string;
}

/**
 * Reads each candidate through its path (following symlinks, so a swapped Kubernetes `..data` link is seen)
 * and hashes what it finds. Never looks at mtime or inode numbers.
 */
export async function readSnapshot(paths: readonly string[]): Promise<FileSnapshot> {
  const files = await Promise.all(paths.map(readState));
  return { files, hash: hashOf(files) };
}

/** A snapshot of the given states (used when some were read elsewhere). */
export function snapshotOf(files: readonly FileState[]): FileSnapshot {
  return { files, hash: hashOf(files) };
}

async function readState(path: string): Promise<FileState> {
  try {
    const content = await readFile(path);
    return { path, content, digest: `sha256:${createHash('sha256').update(content).digest('hex')}` };
  } catch (cause) {
    const error = cause as NodeJS.ErrnoException;
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR')
      return { path, content: undefined, digest: 'missing' };
    return { path, content: undefined, digest: `error:${error.code ?? 'unknown'}`, error };
  }
}

function hashOf(files: readonly FileState[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.path}\0${file.digest}\n`);
  return hash.digest('hex');
}
