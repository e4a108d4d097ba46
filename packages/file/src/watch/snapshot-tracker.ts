import type { FileSnapshot } from '../load/file-snapshot.js';
import type { WatchTargets } from '../load/load-plan.js';

/**
 * The content the engine last saw: what the last `load()` returned, or what a watcher last reported.
 * Watchers compare against it, so an edit between a load and the watch's start is not lost, and a load
 * after a notification does not cause a second one.
 */
export class SnapshotTracker {
  #known: FileSnapshot | undefined;
  #targets: WatchTargets | undefined;
  #generation = 0;

  /** The snapshot of the last load or notification, if any. */
  get known(): FileSnapshot | undefined {
    return this.#known;
  }

  /** The files and directories of the last load, if any. */
  get targets(): WatchTargets | undefined {
    return this.#targets;
  }

  /** Bumped by every load, so a check that raced with a load starts over. */
  get generation(): number {
    return this.#generation;
  }

  /** A load returned a layer built from `snapshot`. */
  loaded(snapshot: FileSnapshot, targets: WatchTargets): void {
    this.#known = snapshot;
    this.#targets = targets;
    this.#generation++;
  }

  /** A watcher reported (or, before any load, first saw) `snapshot`. */
  seen(snapshot: FileSnapshot): void {
    this.#known = snapshot;
  }

  /** Targets for a watch that starts before any load. */
  assume(targets: WatchTargets): void {
    this.#targets ??= targets;
  }
}
