import type { Layer, SourceContext } from '@strata/core';
import type { FileSnapshot } from './file-snapshot.js';

/** What a watcher looks at: the candidate files (hashed in this order) and the directories to watch. */
export interface WatchTargets {
  /** Absolute paths of every file whose appearance, change or removal matters. */
  readonly candidates: readonly string[];
  /** Absolute directories to watch (those that do not exist yet are covered by the poll). */
  readonly directories: readonly string[];
}

/** The result of one load: the layer and the exact file states it was built from. */
export interface LoadOutcome {
  readonly layer: Layer;
  readonly snapshot: FileSnapshot;
  readonly targets: WatchTargets;
}

/** How a plan reads its files. */
export interface LoadHow {
  /** Read with synchronous calls (a source's first load). */
  readonly sync?: boolean;
}

/** One way of finding files (profiles in a directory, one file, discovery). */
export interface LoadPlan {
  /** The watch targets before (or without) a load. */
  targets(context: SourceContext): Promise<WatchTargets>;
  /**
   * Read the files. `how.sync` (a source's first load) reads them with synchronous calls, which at start-up
   * are faster than a thread-pool round trip per call; reloads read asynchronously.
   */
  load(context: SourceContext, how?: LoadHow): Promise<LoadOutcome>;
  /** Release caches. */
  dispose?(): void;
}
