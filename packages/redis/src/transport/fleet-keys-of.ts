/** The Redis keys of one fleet. */
export interface FleetRedisKeys {
  /** The change stream. */
  readonly stream: string;
  /** The presence sorted set: member instance id, score last heartbeat (ms). */
  readonly presence: string;
  /** One instance's status record (expires with its heartbeat). */
  instance(id: string): string;
  /** The leader lease. */
  readonly lease: string;
  /** The fencing counter (INCR). */
  readonly fence: string;
}

/** The keys under `<prefix>:<fleet>:`. */
export function fleetKeysOf(prefix: string, fleet: string): FleetRedisKeys {
  const base = `${prefix}:${fleet}`;
  return {
    stream: `${base}:stream`,
    presence: `${base}:presence`,
    instance: (id) => `${base}:instance:${id}`,
    lease: `${base}:lease`,
    fence: `${base}:fence`,
  };
}
