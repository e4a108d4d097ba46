import type { RedisTransport } from '../transport/redis-transport.js';

// Renew or release only a lease this instance still holds: a paused leader whose lease expired and was
// taken must not extend or delete its successor's.
const RENEW =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";
const RELEASE =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

/** The outcome of one lease tick. */
export interface LeaseState {
  /** This instance holds the lease. */
  readonly leader: boolean;
  /** The holder's instance id, when someone holds it. */
  readonly holder: string | undefined;
  /** This instance's fencing token while it leads. */
  readonly fence: number;
}

/**
 * The leader lease: `SET <lease> <id>|<token> NX PX <leaseMs>` with a fencing token from `INCR <fence>`,
 * renewed by its holder every tick. When the holder dies the key expires and the next instance to tick
 * takes it, so a new leader is in place within one lease period (ticks come every third of it).
 */
export class LeaderLease {
  readonly #transport: RedisTransport;
  readonly #leaseMs: number;
  #value: string | undefined;
  #fence = 0;

  constructor(transport: RedisTransport, leaseMs: number) {
    this.#transport = transport;
    this.#leaseMs = leaseMs;
  }

  /** Renew the lease held, or try to take a free one. Throws when Redis is away (the caller polls alone). */
  async tick(): Promise<LeaseState> {
    const { client, keys, instanceId } = this.#transport;
    if (this.#value !== undefined) {
      const renewed = await client.eval(RENEW, {
        keys: [keys.lease],
        arguments: [this.#value, String(this.#leaseMs)],
      });
      if (renewed === 1) return { leader: true, holder: instanceId, fence: this.#fence };
      this.#value = undefined;
    }
    const current = await client.get(keys.lease);
    if (current !== null) return { leader: false, holder: holderOf(current), fence: 0 };
    const fence = await client.incr(keys.fence);
    const value = `${instanceId}|${fence}`;
    const taken = await client.set(keys.lease, value, {
      condition: 'NX',
      expiration: { type: 'PX', value: this.#leaseMs },
    });
    if (taken !== 'OK') {
      const holder = await client.get(keys.lease);
      return { leader: false, holder: holder === null ? undefined : holderOf(holder), fence: 0 };
    }
    this.#value = value;
    this.#fence = fence;
    return { leader: true, holder: instanceId, fence };
  }

  /** Give the lease up (on close), so a successor need not wait for it to expire. */
  async release(): Promise<void> {
    const value = this.#value;
    this.#value = undefined;
    if (value === undefined || !this.#transport.connected) return;
    await this.#transport.client.eval(RELEASE, { keys: [this.#transport.keys.lease], arguments: [value] });
  }
}

/** The instance id in a lease value `<id>|<token>`. */
export function holderOf(value: string): string {
  const bar = value.lastIndexOf('|');
  return bar === -1 ? value : value.slice(0, bar);
}
