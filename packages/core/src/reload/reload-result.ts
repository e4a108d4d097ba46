import type { StrataError } from '../errors/strata-error.js';
import type { Change } from '../snapshot/snapshot.js';

/** The outcome of one reload. */
export interface ReloadResult {
  /** `changed`: a new snapshot is in effect; `unchanged`: same values; `rejected`: the last good snapshot stays. */
  readonly status: 'changed' | 'unchanged' | 'rejected';
  /** The generation in effect afterwards. */
  readonly generation: number;
  readonly diff: readonly Change[];
  readonly error?: StrataError;
}
