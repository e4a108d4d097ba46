import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Disposable, Logger } from '@strata/core';
import { fingerprintFile } from './file-fingerprint.js';

/** What {@link watchFiles} watches and whom it tells. */
export interface WatchFilesOptions {
  /** Absolute paths; they need not exist. */
  readonly files: readonly string[];
  /** Each file's fingerprint when it was last loaded; files left out are fingerprinted now. */
  readonly baseline: ReadonlyMap<string, string>;
  /** Called once per burst of events that really changed content, with the changed files. */
  readonly onChange: (files: readonly string[]) => void;
  readonly logger: Logger;
  /** Quiet time after the last event before files are re-read. */
  readonly debounceMs: number;
  /** Interval of the backstop check that also re-arms dead watchers; 0 turns it off. */
  readonly pollMs: number;
  /** Files larger than this are not read to be fingerprinted (the load refuses them anyway). */
  readonly maxBytes: number;
}

/**
 * Watch files through their directories (a rename-over save or a replaced symlink leaves a watch on the
 * file itself dead), debounce events, and report only content that really changed: a save of identical
 * content, or an event for another file, reports nothing. A slow poll re-checks and re-arms the watchers
 * of directories that did not exist yet or failed. Timers are unref'd; `dispose` stops everything.
 */
export function watchFiles(options: WatchFilesOptions): Disposable {
  const { files, debounceMs, pollMs, maxBytes } = options;
  const fingerprints = new Map(
    files.map((file) => [file, options.baseline.get(file) ?? fingerprintFile(file, maxBytes)]),
  );
  const names = new Map<string, Set<string>>();
  for (const file of files) {
    const set = names.get(dirname(file)) ?? new Set<string>();
    set.add(basename(file));
    names.set(dirname(file), set);
  }
  const watchers = new Map<string, FSWatcher>();
  let debounce: NodeJS.Timeout | undefined;
  let disposed = false;

  const check = (): void => {
    debounce = undefined;
    if (disposed) return;
    const changed: string[] = [];
    for (const file of files) {
      const next = fingerprintFile(file, maxBytes);
      if (next !== fingerprints.get(file)) changed.push(file);
      fingerprints.set(file, next);
    }
    if (changed.length > 0) options.onChange(changed);
  };
  const schedule = (): void => {
    if (disposed) return;
    if (debounce) clearTimeout(debounce);
    debounce = setTimeout(check, debounceMs);
    debounce.unref();
  };
  const arm = (dir: string, wanted: ReadonlySet<string>): void => {
    if (watchers.has(dir)) return;
    try {
      const watcher = watch(dir, { persistent: false }, (_event, filename) => {
        if (filename === null || wanted.has(filename.toString())) schedule();
      });
      watcher.on('error', (error) => {
        options.logger.debug('dotenv: directory watch failed; polling until it can be re-armed', {
          dir,
          error: error.message,
        });
        watcher.close();
        watchers.delete(dir);
      });
      watchers.set(dir, watcher);
      // Files may have changed while the directory could not be watched.
      schedule();
    } catch {
      // The directory does not exist (yet); the poll re-arms it.
    }
  };
  const armAll = (): void => {
    for (const [dir, wanted] of names) arm(dir, wanted);
  };

  armAll();
  // Content may have changed between the last load and this call.
  schedule();
  const poll =
    pollMs > 0
      ? setInterval(() => {
          armAll();
          schedule();
        }, pollMs)
      : undefined;
  poll?.unref();

  return {
    dispose() {
      disposed = true;
      if (debounce) clearTimeout(debounce);
      if (poll) clearInterval(poll);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
