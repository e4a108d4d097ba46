import type { InstanceStatus } from '../models/instance-status.js';
import type { RedisTransport } from '../transport/redis-transport.js';

/**
 * One presence heartbeat: the instance's score in the presence sorted set and its status record (expiring
 * with the presence TTL), then the expired members removed. Returns the members still present, which the
 * notify mode's refetch slots are computed from. Throws when Redis is away.
 */
export async function heartbeat(
  transport: RedisTransport,
  status: InstanceStatus,
  ttlMs: number,
): Promise<readonly string[]> {
  const { client, keys } = transport;
  const now = Date.now();
  const [, , , members] = await client
    .multi()
    .zAdd(keys.presence, { score: now, value: status.id })
    .set(keys.instance(status.id), JSON.stringify(status), { expiration: { type: 'PX', value: ttlMs } })
    .zRemRangeByScore(keys.presence, '-inf', now - ttlMs)
    .zRange(keys.presence, 0, -1)
    .exec();
  return Array.isArray(members)
    ? members.filter((member): member is string => typeof member === 'string')
    : [];
}

/** Remove this instance's presence (on close). */
export async function leave(transport: RedisTransport, id: string): Promise<void> {
  const { client, keys } = transport;
  await client.multi().zRem(keys.presence, id).del(keys.instance(id)).exec();
}
