import { activeResources } from './active-resources.js';
import type { TimerTracker } from './timer-tracker.js';

/**
 * Wait until no resource beyond `before` is left, for at most `turns` turns of the event loop: closing a
 * socket or a watcher finishes a turn or two after `close()`. Counted in turns rather than milliseconds: no
 * sleep, and a handle that is never closed fails after a few hundred turns, not a timeout. Returns what is
 * still open.
 */
export async function drainResources(
  before: ReadonlyMap<string, number>,
  timers?: TimerTracker,
  turns = 200,
): Promise<string[]> {
  for (let turn = 0; turn < turns; turn++) {
    // The pending Immediate of this very wait counts as a resource; look before scheduling the next one.
    const added = addedResources(before, timers).filter((kind) => !kind.endsWith('Immediate'));
    if (added.length === 0) return [];
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return addedResources(before, timers).filter((kind) => !kind.endsWith('Immediate'));
}

/**
 * The kinds with more resources now than in `before`, with how many more. Timers come from `timers` when
 * given: counted one by one, not process-wide.
 */
function addedResources(before: ReadonlyMap<string, number>, timers: TimerTracker | undefined): string[] {
  const added: string[] = [];
  for (const [kind, count] of activeResources()) {
    if (kind === 'Timeout' && timers) continue;
    const more = count - (before.get(kind) ?? 0);
    if (more > 0) added.push(`${more} × ${kind}`);
  }
  const pending = timers?.pending() ?? 0;
  if (pending > 0) added.push(`${pending} × Timeout`);
  return added;
}
