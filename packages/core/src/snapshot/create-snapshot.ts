import { Snapshot } from './snapshot.js';
import type { SnapshotParts } from './snapshot-parts.js';

/** A new {@link Snapshot} from the pipeline's results; for the pipeline only (not exported from the package). */
export function createSnapshot(parts: SnapshotParts): Snapshot {
  // Snapshot's constructor is private so its internal parameter stays out of the published declarations.
  return new (Snapshot as unknown as new (parts: SnapshotParts) => Snapshot)(parts);
}
