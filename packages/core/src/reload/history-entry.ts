import type { ChangeReason } from '../models/source.js';
import type { Change } from '../snapshot/snapshot.js';

/** One generation kept by `history()`. */
export interface HistoryEntry {
  readonly generation: number;
  readonly createdAt: Date;
  /** What changed from the generation before (empty for the first). */
  readonly diff: readonly Change[];
  readonly reasons: readonly ChangeReason[];
}
