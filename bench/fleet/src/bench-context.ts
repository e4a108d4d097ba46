import type { RedisClientType } from '@redis/client';
import type { VaultTestServer } from '../../../test/support/src/servers/vault/index.js';

/** What every scenario of one bench run shares. */
export interface BenchContext {
  readonly instances: number;
  readonly workers: number;
  readonly redisUrl: string;
  readonly vault: VaultTestServer;
  /** A plain connection for reading the lease, counting commands and flushing between scenarios. */
  readonly admin: RedisClientType;
  /** The fleet key line (`id:base64`), as `STRATA_KEYS` takes it. */
  readonly key: string;
  /** Node options for the workers (`--cpu-prof …` when profiling). */
  readonly execArgv: readonly string[];
  /** Write the next value of the secret; returns it and when it was written. */
  edit(): { value: string; at: number };
  /** Redis's `total_commands_processed`. */
  commands(): Promise<number>;
  /** Vault requests for the bench secret since the last `clearRequests()`. */
  storeRequests(): number;
}

/** The leader-mode fleet the failover and cut scenarios start: 1 s polls, a 50 req/s budget, `leaseMs` leases. */
export function leaderFleetOptions(context: BenchContext, leaseMs: number) {
  return {
    mode: 'leader' as const,
    redisUrl: context.redisUrl,
    vaultUrl: context.vault.url,
    key: context.key,
    pollMs: 1000,
    budget: 50,
    leaseMs,
  };
}
