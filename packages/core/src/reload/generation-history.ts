import type { ChangeReason } from '../models/source.js';
import type { Change, Snapshot } from '../snapshot/snapshot.js';
import type { HistoryEntry } from './history-entry.js';
import type { LayerStack } from './layer-stack.js';

/** A kept generation with what it was built from, so `rollback` can build it again. */
export interface Generation extends HistoryEntry {
  readonly snapshot: Snapshot;
  readonly stack: LayerStack;
}

/** The last `size` generations, oldest first. */
export class GenerationHistory {
  readonly #size: number;
  readonly #entries: Generation[] = [];

  constructor(size: number) {
    this.#size = size;
  }

  /** Record a generation now in effect, dropping the oldest beyond the size. */
  remember(
    snapshot: Snapshot,
    stack: LayerStack,
    diff: readonly Change[],
    reasons: readonly ChangeReason[],
  ): void {
    this.#entries.push({
      generation: snapshot.generation,
      createdAt: snapshot.createdAt,
      diff,
      reasons,
      snapshot,
      stack,
    });
    if (this.#entries.length > this.#size) this.#entries.splice(0, this.#entries.length - this.#size);
  }

  /** The kept generation with this number. */
  find(generation: number): Generation | undefined {
    return this.#entries.find((entry) => entry.generation === generation);
  }

  /** The kept generations' public part, oldest first. */
  entries(): HistoryEntry[] {
    return this.#entries.map(({ generation, createdAt, diff, reasons }) => ({
      generation,
      createdAt,
      diff,
      reasons,
    }));
  }

  /** The numbers of the kept generations, oldest first (for messages). */
  generations(): number[] {
    return this.#entries.map((entry) => entry.generation);
  }
}
