import type { Disposable } from '@strata/core';

/** What `fileSource(...).watch()` returns: a `Disposable` that also says when watching has started. */
export interface FileWatchHandle extends Disposable {
  /**
   * Resolves once the directories are watched and the files were compared with the last load (an edit
   * made between `load()` and `watch()` has been reported by then). Never rejects.
   */
  readonly ready: Promise<void>;
  /** Stop watching: closes the file-system watchers and clears every timer. */
  dispose(): void;
}
