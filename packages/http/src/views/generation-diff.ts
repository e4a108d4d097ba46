import type { Change, HistoryEntry } from '@strata/core';
import { deepEqual } from '@strata/core/tooling';
import { HttpProblem } from '../respond/http-problem.js';

/**
 * The changes between two kept generations, composed from the history's per-generation diffs (each already
 * redacted): for each path, its value before the first change after `from` and after the last one up to
 * `to`. `from` above `to` gives the way back. A secret that changed is listed (`[redacted]` on both sides)
 * even if it changed back, since its values cannot be compared here.
 */
export function generationDiff(history: readonly HistoryEntry[], from: number, to: number): Change[] {
  const kept = history.map((entry) => entry.generation);
  for (const generation of [from, to]) {
    if (!kept.includes(generation)) {
      throw new HttpProblem(
        404,
        'UNKNOWN_GENERATION',
        `Generation ${generation} is not in the history (kept: ${kept.join(', ')})`,
      );
    }
  }
  const [low, high] = from <= to ? [from, to] : [to, from];
  const byPath = new Map<string, { before: unknown; after: unknown; change: Change; secret: boolean }>();
  for (const entry of history) {
    if (entry.generation <= low || entry.generation > high) continue;
    for (const change of entry.diff) {
      const seen = byPath.get(change.path);
      if (seen) {
        seen.after = change.after;
        seen.change = change;
        seen.secret ||= change.secret;
      } else {
        byPath.set(change.path, {
          before: change.before,
          after: change.after,
          change,
          secret: change.secret,
        });
      }
    }
  }
  const changes: Change[] = [];
  for (const [path, { before, after, change, secret }] of byPath) {
    if (!secret && deepEqual(before, after)) continue;
    const forward = from <= to;
    const entry: Change = {
      path,
      before: forward ? before : after,
      after: forward ? after : before,
      secret,
    };
    changes.push(forward && change.origin ? { ...entry, origin: change.origin } : entry);
  }
  return changes;
}
