import { stat } from 'node:fs/promises';
import { type InputLimits, type Logger, SourceError, type SourceSignals } from '@strata/core';
import type { FSWatcher } from 'chokidar';
import { chokidarModule } from '../lazy-modules.js';
import { displayPath } from '../load/display-path.js';
import { readSnapshot } from '../load/file-snapshot.js';
import type { WatchTargets } from '../load/load-plan.js';
import { describeChange } from './describe-change.js';
import type { FileWatchHandle } from './file-watch-handle.js';
import type { SnapshotTracker } from './snapshot-tracker.js';

/** Options of {@link DirectoryWatcher}. */
export interface DirectoryWatcherOptions {
  readonly source: string;
  readonly cwd: string;
  readonly tracker: SnapshotTracker;
  readonly signals: SourceSignals;
  readonly logger: Logger;
  readonly debounceMs: number;
  readonly pollIntervalMs: number;
  /** The bounds files are re-read within (a file swapped for a link to /dev/zero must not hang the check). */
  readonly limits: InputLimits;
  /** Settles when the tracker knows its targets (at once after a load). */
  readonly prepared: Promise<void>;
  /** Called once when disposed, so the source can forget this watcher. */
  readonly onDispose: (watcher: DirectoryWatcher) => void;
}

type Trigger = 'start' | 'event' | 'poll';

const rearmDelayMs = 1000;

/**
 * Watches the directories that hold a source's files, never the files themselves: an editor's save
 * (write a temporary file, rename it over) and a Kubernetes ConfigMap update (a new `..data` symlink
 * renamed over the old) both leave a watch on the old file dead. Any event in a watched directory starts a
 * debounce; then every candidate file is re-read through its path and hashed, and `changed` is signalled
 * only when the hash differs from the content the engine last saw. A slow poll re-hashes in case events
 * were missed, and re-arms the watcher when it finds a change no event announced or a directory appeared.
 */
export class DirectoryWatcher implements FileWatchHandle {
  readonly ready: Promise<void>;
  readonly #options: DirectoryWatcherOptions;
  #watcher: FSWatcher | undefined;
  #watched = '';
  #debounce: NodeJS.Timeout | undefined;
  #poll: NodeJS.Timeout | undefined;
  #rearmTimer: NodeJS.Timeout | undefined;
  #arming: Promise<void> = Promise.resolve();
  #running = false;
  #again = false;
  #failing = false;
  #disposed = false;
  #closed: Promise<void> = Promise.resolve();

  constructor(options: DirectoryWatcherOptions) {
    this.#options = options;
    if (options.pollIntervalMs > 0) {
      this.#poll = setInterval(() => void this.#check('poll'), options.pollIntervalMs);
      this.#poll.unref();
    }
    this.ready = options.prepared
      .catch((error: unknown) => this.#fail(error))
      .then(() => this.#rearm())
      .then(() => this.#check('start'));
  }

  /** Resolves when the file-system watcher is closed after {@link dispose}. */
  get closed(): Promise<void> {
    return this.#closed;
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    clearTimeout(this.#debounce);
    clearInterval(this.#poll);
    clearTimeout(this.#rearmTimer);
    this.#closed = this.#arming.then(() => this.#close());
    this.#options.onDispose(this);
  }

  #schedule(): void {
    if (this.#disposed) return;
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => void this.#check('event'), this.#options.debounceMs);
    this.#debounce.unref();
  }

  async #check(trigger: Trigger): Promise<void> {
    if (this.#disposed) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    const { tracker, signals, source, cwd, logger } = this.#options;
    let missed = false;
    try {
      do {
        this.#again = false;
        const generation = tracker.generation;
        const targets = tracker.targets;
        if (!targets) return;
        const snapshot = await readSnapshot(targets.candidates, {
          limits: this.#options.limits,
          source,
          display: (path) => displayPath(cwd, path),
        });
        if (this.#disposed) return;
        // A load finished while we read: its snapshot is the new baseline, so read again.
        if (tracker.generation !== generation) {
          this.#again = true;
          continue;
        }
        const known = tracker.known;
        if (!known) {
          tracker.seen(snapshot);
          continue;
        }
        if (known.hash === snapshot.hash) continue;
        tracker.seen(snapshot);
        if (trigger === 'poll') missed = true;
        const detail = describeChange(known, snapshot, cwd);
        logger.debug(`Source "${source}": ${detail}`);
        signals.changed({ source, detail });
      } while (this.#again && !this.#disposed);
      if (trigger !== 'event' && !this.#disposed) await this.#rearmIfStale(missed);
    } catch (error) {
      logger.warn(`Source "${source}": checking files for changes failed`, { error: String(error) });
    } finally {
      this.#running = false;
    }
    // An event that arrived while re-arming found us busy: look again now.
    if (this.#again && !this.#disposed) {
      this.#again = false;
      await this.#check('event');
    }
  }

  /** Re-arm when the poll found a change no event announced, or the set of existing directories changed. */
  async #rearmIfStale(missed: boolean): Promise<void> {
    const directories = await this.#existingDirectories();
    if (missed || directories.join('\0') !== this.#watched) await this.#rearm();
  }

  #rearm(): Promise<void> {
    this.#arming = this.#arming.then(() => this.#arm()).catch((error: unknown) => this.#fail(error));
    return this.#arming;
  }

  async #arm(): Promise<void> {
    if (this.#disposed) return;
    const directories = await this.#existingDirectories();
    await this.#close();
    if (this.#disposed) return;
    this.#watched = directories.join('\0');
    if (directories.length === 0) return;
    const watcher = chokidarModule().watch(directories, { ignoreInitial: true, depth: 0, persistent: false });
    this.#watcher = watcher;
    const schedule = (): void => this.#schedule();
    // `raw` too: chokidar throttles and merges some events (atomic writes, symlinked directories); any
    // raw event in a watched directory is worth a cheap re-hash.
    watcher.on('all', schedule);
    watcher.on('raw', schedule);
    watcher.on('error', (error) => this.#fail(error));
    await new Promise<void>((resolve) => watcher.once('ready', resolve));
    if (this.#failing && !this.#disposed) {
      this.#failing = false;
      this.#options.signals.recovered();
    }
  }

  #fail(error: unknown): void {
    if (this.#disposed) return;
    const { source, logger, signals, pollIntervalMs } = this.#options;
    const message = error instanceof Error ? error.message : String(error);
    logger.warn(`Source "${source}": watching files failed: ${message}`);
    if (!this.#failing) {
      this.#failing = true;
      const fallback = pollIntervalMs > 0 ? `; polling every ${pollIntervalMs} ms meanwhile` : '';
      signals.failed(
        new SourceError(source, `watching files failed (${message}); retrying${fallback}`, { cause: error }),
        true,
      );
    }
    clearTimeout(this.#rearmTimer);
    this.#rearmTimer = setTimeout(() => void this.#rearm(), rearmDelayMs);
    this.#rearmTimer.unref();
  }

  async #close(): Promise<void> {
    const watcher = this.#watcher;
    this.#watcher = undefined;
    this.#watched = '';
    await watcher?.close().catch(() => undefined);
  }

  async #existingDirectories(): Promise<string[]> {
    const targets: WatchTargets | undefined = this.#options.tracker.targets;
    const checks = await Promise.all(
      (targets?.directories ?? []).map((dir) =>
        stat(dir).then(
          (stats) => stats.isDirectory(),
          () => false,
        ),
      ),
    );
    return (targets?.directories ?? []).filter((_, index) => checks[index]);
  }
}
