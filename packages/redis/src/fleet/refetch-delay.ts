import type { StoreBudget } from '../models/redis-fleet-options.js';

/**
 * How long an instance waits before refetching after a notice, so that the whole fleet stays under the
 * store budget: the instances, sorted by id, each get a slot of `requestsPerRefetch / requestsPerSecond`
 * seconds, and each refetches at a random point inside its own slot. Slots do not overlap, so at most one
 * refetch starts per slot: the fleet's rate never exceeds the budget, and a fleet of N converges within
 * N slots. `members` is the fleet as last seen through presence; an instance not (yet) in it takes the
 * slot after the last.
 */
export function refetchDelay(
  self: string,
  members: readonly string[],
  budget: StoreBudget,
  random: () => number = Math.random,
): number {
  const slotMs = (1000 * (budget.requestsPerRefetch ?? 1)) / budget.requestsPerSecond;
  const sorted = [...members].sort();
  const index = sorted.indexOf(self);
  const rank = index === -1 ? sorted.length : index;
  return Math.floor((rank + random()) * slotMs);
}
