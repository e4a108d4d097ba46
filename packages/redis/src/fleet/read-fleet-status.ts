import type { InstanceStatus } from '../models/instance-status.js';
import type { RedisTransport } from '../transport/redis-transport.js';
import { holderOf } from './leader-lease.js';

/** One instance in {@link FleetStatus}. */
export interface FleetMemberStatus extends InstanceStatus {
  /** Its configuration hash differs from the one most instances report. */
  readonly drifting: boolean;
}

/** The fleet as Redis sees it: what `strata fleet status` prints. */
export interface FleetStatus {
  readonly fleet: string;
  /** The instances whose status record has not expired, by id. */
  readonly instances: readonly FleetMemberStatus[];
  /** The lease holder, if any. */
  readonly leader: string | undefined;
  /** The configuration hash most instances report (the newest generation's on a tie). */
  readonly majorityHash: string | undefined;
}

/**
 * Read the fleet's presence records and lease. An instance is drifting when its configuration hash is not
 * the majority's: it missed a change, or applied one the others rejected.
 */
export async function readFleetStatus(transport: RedisTransport): Promise<FleetStatus> {
  const { client, keys } = transport;
  const ids = await client.zRange(keys.presence, 0, -1);
  const records = ids.length === 0 ? [] : await client.mGet(ids.map((id) => keys.instance(id)));
  const lease = await client.get(keys.lease);
  const instances: InstanceStatus[] = [];
  for (const record of records) {
    if (typeof record !== 'string') continue;
    try {
      const parsed = JSON.parse(record) as InstanceStatus;
      if (typeof parsed.id === 'string' && typeof parsed.configHash === 'string') instances.push(parsed);
    } catch {
      // Not written by Strata: not an instance.
    }
  }
  const tally = new Map<string, { count: number; generation: number }>();
  for (const instance of instances) {
    const seen = tally.get(instance.configHash) ?? { count: 0, generation: 0 };
    tally.set(instance.configHash, {
      count: seen.count + 1,
      generation: Math.max(seen.generation, instance.generation),
    });
  }
  let majorityHash: string | undefined;
  let best = { count: 0, generation: -1 };
  for (const [hash, seen] of tally) {
    if (seen.count > best.count || (seen.count === best.count && seen.generation > best.generation)) {
      majorityHash = hash;
      best = seen;
    }
  }
  return {
    fleet: transport.fleet,
    instances: instances
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((instance) => ({ ...instance, drifting: instance.configHash !== majorityHash })),
    leader: lease === null ? undefined : holderOf(lease),
    majorityHash,
  };
}
