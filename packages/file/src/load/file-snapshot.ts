import { sha256 } from './sha256.js';
import { readdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { type InputLimits, StrataError } from '@strata/core';
import {
  defaultInputLimits,
  type InputFile,
  type ReadInputFileOptions,
  readInputFile,
  readInputFileSync,
} from '@strata/core/source';

/** One candidate file as read at one moment. */
export interface FileState {
  /** Absolute path. */
  readonly path: string;
  /** The bytes, when the file could be read. */
  readonly content: Buffer | undefined;
  /** `sha256:<hex>` of the bytes, `missing`, or `error:<code>` when it exists but could not be read. */
  readonly digest: string;
  /**
   * The read error, for a digest `error:<code>`: a system error, or a Strata error for a file that is not a
   * regular one (`SOURCE_FAILED`) or is larger than the byte limit (`INPUT_LIMIT`).
   */
  readonly error?: NodeJS.ErrnoException | StrataError;
  /** For a `missing` candidate that is a symbolic link to nothing: the link's target. */
  readonly dangling?: string;
}

/** How {@link readSnapshot} reads each candidate. */
export interface SnapshotReadOptions {
  /** The bounds every file is read within (the byte limit is enforced while reading). */
  readonly limits: InputLimits;
  /** The source's name, for errors. */
  readonly source: string;
  /** A path as messages show it (relative to the working directory). */
  readonly display: (path: string) => string;
}

const defaultReadOptions: SnapshotReadOptions = {
  limits: defaultInputLimits,
  source: 'file',
  display: (path) => path,
};

/** Every candidate file of a source read through its path, and one hash over all of them. */
export interface FileSnapshot {
  readonly files: readonly FileState[];
  /** sha256 over each candidate's path and digest: changes when content changes, or a file appears or goes. */
  readonly hash: string;
}

/**
 * Reads each candidate through its path (following symlinks, so a swapped Kubernetes `..data` link is seen)
 * and hashes what it finds. Never looks at mtime or inode numbers.
 *
 * Most candidates do not exist (a profile directory probes 16 names for the two or three files it has): each
 * directory is listed once, and a candidate whose name it does not hold is missing without a failed open.
 */
export async function readSnapshot(
  paths: readonly string[],
  options: SnapshotReadOptions = defaultReadOptions,
): Promise<FileSnapshot> {
  const listings = await listDirectories(paths);
  const files = await Promise.all(
    paths.map((path) =>
      mayExist(path, listings) ? readState(path, options) : { path, content: undefined, digest: 'missing' },
    ),
  );
  return snapshotOf(files);
}

/**
 * {@link readSnapshot} with synchronous reads, for a source's first load (see `readInputFileSync`): the same
 * states, read the same way, without a thread-pool round trip per directory listing, open, stat, read and close.
 */
export function readSnapshotSync(
  paths: readonly string[],
  options: SnapshotReadOptions = defaultReadOptions,
): FileSnapshot {
  const dirs = [...new Set(paths.map((path) => dirname(path)))];
  const listings = new Map(
    dirs.map((dir): [string, Listing | undefined] => {
      try {
        return [dir, listingOf(readdirSync(dir))];
      } catch (error) {
        return [dir, unlisted(error as NodeJS.ErrnoException)];
      }
    }),
  );
  const files = paths.map((path): FileState => {
    if (!mayExist(path, listings)) return { path, content: undefined, digest: 'missing' };
    try {
      return stateOf(path, readInputFileSync(readOptions(path, options)));
    } catch (cause) {
      return failedState(path, cause);
    }
  });
  return snapshotOf(files);
}

/** The names in a directory, as listed and case-folded. */
interface Listing {
  readonly names: ReadonlySet<string>;
  readonly folded: ReadonlySet<string>;
}

/**
 * Each candidate directory's listing, read once. A directory that does not exist lists nothing; one that
 * cannot be listed (permissions) has no listing, so its candidates are read and the read says what is wrong.
 */
async function listDirectories(paths: readonly string[]): Promise<ReadonlyMap<string, Listing | undefined>> {
  const dirs = [...new Set(paths.map((path) => dirname(path)))];
  const listings = await Promise.all(dirs.map((dir) => readdir(dir).then(listingOf, unlisted)));
  return new Map(dirs.map((dir, i) => [dir, listings[i]]));
}

function listingOf(names: string[]): Listing {
  return { names: new Set(names), folded: new Set(names.map((n) => n.toLowerCase())) };
}

/** A directory that does not exist lists nothing; one that cannot be listed has no listing. */
function unlisted(error: NodeJS.ErrnoException): Listing | undefined {
  return error.code === 'ENOENT' || error.code === 'ENOTDIR'
    ? { names: new Set(), folded: new Set() }
    : undefined;
}

/**
 * Whether reading `path` can find a file. A name listed only in another case is read too: a case-insensitive
 * file system (macOS, Windows) opens `Default.yaml` for `default.yaml`, and a case-sensitive one reports it
 * missing, as before the listing.
 */
function mayExist(path: string, listings: ReadonlyMap<string, Listing | undefined>): boolean {
  const listing = listings.get(dirname(path));
  if (!listing) return true;
  const name = basename(path);
  return listing.names.has(name) || listing.folded.has(name.toLowerCase());
}

/**
 * Whether a candidate was not found (its digest is `missing`), without computing the digest of one that was
 * read: only a state read without error has bytes, and only a missing one has neither bytes nor error.
 */
export function isMissing(state: FileState): boolean {
  return state.content === undefined && state.error === undefined;
}

/** A snapshot of the given states (used when some were read elsewhere). */
export function snapshotOf(files: readonly FileState[]): FileSnapshot {
  return new LazySnapshot(files);
}

/**
 * A snapshot whose hash is computed when first read. Only a watcher compares hashes: a load that never
 * watches never hashes, and never loads `node:crypto`. The hash is a pure function of the states, which
 * hold the bytes as read, so computing it later gives what computing it at once would have. `hash` is an own,
 * enumerable accessor, so a spread or a JSON copy of the snapshot still carries it.
 */
class LazySnapshot implements FileSnapshot {
  static readonly #hashAccessor: PropertyDescriptor = {
    get(this: LazySnapshot): string {
      this.#hash ??= hashOf(this.files);
      return this.#hash;
    },
    enumerable: true,
    configurable: true,
  };

  declare readonly hash: string;
  #hash: string | undefined;

  constructor(readonly files: readonly FileState[]) {
    Object.defineProperty(this, 'hash', LazySnapshot.#hashAccessor);
  }
}

/**
 * A file that was read: its digest is computed from its bytes when first read (see {@link LazySnapshot}),
 * through an own, enumerable accessor like the snapshot's hash.
 */
class ReadFileState implements FileState {
  static readonly #digestAccessor: PropertyDescriptor = {
    get(this: ReadFileState): string {
      this.#digest ??= `sha256:${sha256().update(this.content).digest('hex')}`;
      return this.#digest;
    },
    enumerable: true,
    configurable: true,
  };

  declare readonly digest: string;
  #digest: string | undefined;

  constructor(
    readonly path: string,
    readonly content: Buffer,
  ) {
    Object.defineProperty(this, 'digest', ReadFileState.#digestAccessor);
  }
}

async function readState(path: string, options: SnapshotReadOptions): Promise<FileState> {
  try {
    return stateOf(path, await readInputFile(readOptions(path, options)));
  } catch (cause) {
    return failedState(path, cause);
  }
}

function readOptions(path: string, options: SnapshotReadOptions): ReadInputFileOptions {
  return {
    path,
    display: options.display(path),
    source: options.source,
    limits: options.limits,
    raise: 'fileSource',
  };
}

function stateOf(path: string, found: InputFile): FileState {
  if (found.kind === 'missing') return { path, content: undefined, digest: 'missing' };
  if (found.kind === 'dangling')
    return { path, content: undefined, digest: 'missing', dangling: found.target };
  return new ReadFileState(path, found.bytes);
}

function failedState(path: string, cause: unknown): FileState {
  if (StrataError.is(cause)) return { path, content: undefined, digest: `error:${cause.code}`, error: cause };
  const error = cause as NodeJS.ErrnoException;
  return { path, content: undefined, digest: `error:${error.code ?? 'unknown'}`, error };
}

function hashOf(files: readonly FileState[]): string {
  const hash = sha256();
  for (const file of files) hash.update(`${file.path}\0${file.digest}\n`);
  return hash.digest('hex');
}
