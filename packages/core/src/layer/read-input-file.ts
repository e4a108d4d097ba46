import {
  type Stats,
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readlinkSync,
  readSync,
} from 'node:fs';
import { lstat, open, readlink } from 'node:fs/promises';
import { InputLimitError } from '../errors/input-limit-error.js';
import { SourceError } from '../errors/source-error.js';
import type { InputLimits } from './input-limits.js';

/** What {@link readInputFile} found. */
export type InputFile =
  /** A regular file and all its bytes (at most `maxBytes`). */
  | { readonly kind: 'file'; readonly bytes: Buffer }
  /** Nothing at the path (or a parent is not a directory). */
  | { readonly kind: 'missing' }
  /** A symbolic link whose target does not exist (`target` is the link's text). */
  | { readonly kind: 'dangling'; readonly target: string };

/** Options of {@link readInputFile}. */
export interface ReadInputFileOptions {
  /** Absolute path. */
  readonly path: string;
  /** The path as messages show it (`config/default.yaml`). */
  readonly display: string;
  /** The reading source's name, for the `SourceError` of a file that is not a regular one. */
  readonly source: string;
  /** The bounds; only `maxBytes` is checked here (the parser checks the rest). */
  readonly limits: InputLimits;
  /** The function whose `limits` option raises `maxBytes` for this file (`fileSource`), for messages. */
  readonly raise: string;
  /** Stops reading between chunks when aborted (a load that was cancelled). */
  readonly signal?: AbortSignal | undefined;
}

/** Bytes read per call: large enough for one call to read a typical file, small enough to stop early. */
const chunkSize = 64 * 1024;

/**
 * Reads a configuration or `.env` file through its path (links followed), refusing anything that is not a
 * regular file: a link to `/dev/zero`, `/dev/urandom` or a FIFO would otherwise be read forever (a FIFO's
 * open would block). The byte limit is enforced while reading, so a file that grows past it, or lies about its
 * size (`/proc`), is never held whole. A missing file, or a link to nothing, is reported, not thrown.
 */
export async function readInputFile(options: ReadInputFileOptions): Promise<InputFile> {
  const { path } = options;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever; on a regular file it is a no-op.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return danglingOrMissing(path);
    throw error;
  }
  try {
    // The opened file, not the path: a swap between a check and the open cannot slip a device in.
    assertReadable(await handle.stat(), options);
    const chunks = new Chunks(options);
    for (;;) {
      const buffer = chunks.next();
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (!chunks.add(buffer, bytesRead)) return chunks.file();
    }
  } finally {
    await handle.close();
  }
}

/**
 * {@link readInputFile} with synchronous calls, for a process's first load: each asynchronous call is a round
 * trip through libuv's thread pool, which for a few small files costs more than the reads themselves (and
 * much more on a busy machine). Same checks, same results and errors; `signal` is checked between chunks.
 * Reloads use {@link readInputFile}, so a running service never blocks on a slow disk.
 */
export function readInputFileSync(options: ReadInputFileOptions): InputFile {
  const { path } = options;
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return danglingOrMissingSync(path);
    throw error;
  }
  try {
    assertReadable(fstatSync(fd), options);
    const chunks = new Chunks(options);
    for (;;) {
      const buffer = chunks.next();
      if (!chunks.add(buffer, readSync(fd, buffer, 0, buffer.length, null))) return chunks.file();
    }
  } finally {
    closeSync(fd);
  }
}

function danglingOrMissingSync(path: string): InputFile {
  try {
    if (lstatSync(path).isSymbolicLink()) return { kind: 'dangling', target: readlinkSync(path) };
  } catch {
    // Nothing at the path at all.
  }
  return { kind: 'missing' };
}

async function danglingOrMissing(path: string): Promise<InputFile> {
  try {
    const link = await lstat(path);
    if (link.isSymbolicLink()) return { kind: 'dangling', target: await readlink(path) };
  } catch {
    // Nothing at the path at all.
  }
  return { kind: 'missing' };
}

function tooLarge(options: ReadInputFileOptions): InputLimitError {
  return new InputLimitError({
    input: options.display,
    limit: 'maxBytes',
    max: options.limits.maxBytes,
    raise: options.raise,
  });
}

function kindOf(stats: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Refuses what is not a regular file, or is larger than the limit before a byte is read. */
function assertReadable(stats: Stats, options: ReadInputFileOptions): void {
  if (!stats.isFile()) {
    throw new SourceError(
      options.source,
      `${options.display} is not a regular file (${kindOf(stats)}); configuration is read only from regular files, so point it (or the link) at one`,
    );
  }
  if (stats.size > options.limits.maxBytes) throw tooLarge(options);
}

/**
 * The chunks of one read, bounded by `maxBytes` whatever the file's size said (it may grow while read), with
 * the signal checked before each chunk. The same for the asynchronous and the synchronous read.
 */
class Chunks {
  readonly #options: ReadInputFileOptions;
  readonly #chunks: Buffer[] = [];
  #total = 0;

  constructor(options: ReadInputFileOptions) {
    this.#options = options;
  }

  /** A buffer for the next read: never more than one byte past the limit, so an overflow is seen. */
  next(): Buffer {
    this.#options.signal?.throwIfAborted();
    return Buffer.allocUnsafe(Math.min(chunkSize, this.#options.limits.maxBytes + 1 - this.#total));
  }

  /** Keep what a read put in `buffer`; false at the end of the file. Throws past the limit. */
  add(buffer: Buffer, bytesRead: number): boolean {
    if (bytesRead === 0) return false;
    this.#total += bytesRead;
    if (this.#total > this.#options.limits.maxBytes) throw tooLarge(this.#options);
    this.#chunks.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
    return true;
  }

  file(): InputFile {
    const chunks = this.#chunks;
    return {
      kind: 'file',
      bytes: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, this.#total),
    };
  }
}
