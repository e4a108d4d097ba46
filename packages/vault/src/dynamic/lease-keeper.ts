import type { InputLimits } from '@strata/core';
import type { PollClock, Poller, PollResult } from '@strata/core/source';
import { InputShapeCounter, startPolling } from '@strata/core/source';
import type { AuthSession } from '../auth/auth-session.js';
import type { VaultClient } from '../http/vault-client.js';
import { VaultRequestError } from '../http/vault-request-error.js';
import { type LeaseGrant, leaseGrantOf, renewedLeaseMs } from './lease-grant.js';

/** What a {@link LeaseKeeper} needs. */
export interface LeaseKeeperDeps {
  /** The API path, `{env}` expanded: `database/creds/app`. */
  readonly apiPath: string;
  readonly client: VaultClient;
  readonly session: AuthSession;
  readonly clock: PollClock;
  /** Aborted when the source is disposed. */
  readonly lifetime: AbortSignal;
  readonly rereadIntervalMs: number;
  readonly baseDelayMs: number;
  /** Bounds of each credentials answer. */
  readonly limits: InputLimits;
  /** New credentials replaced the old (a rotation), with why. */
  onRotated(reason: string): void;
  onFailure(error: Error): void;
  onRecovery(): void;
}

/**
 * Keeps one lease-based secret alive: renews its lease at 2/3 of each grant through `sys/leases/renew`, and
 * obtains new credentials instead when the lease cannot go on — Vault shortened the renewal (the max TTL is
 * near), refused it with a client error, or the lease is not renewable — early enough that a pool has a third
 * of the last lease to reconnect. The steps run on core's poller, so failures back off and report once.
 */
export class LeaseKeeper {
  readonly #deps: LeaseKeeperDeps;
  #grant: LeaseGrant;
  /** When the current lease ends, on the clock. */
  #expiresAt: number;
  /** The last renewal came back shorter than the grant before it: next time, rotate. */
  #ending = false;
  /** Every lease this keeper obtained that may still be alive, with its end. */
  readonly #held = new Map<string, number>();
  #poller: Poller | undefined;

  constructor(deps: LeaseKeeperDeps, first: LeaseGrant) {
    this.#deps = deps;
    this.#grant = first;
    this.#expiresAt = deps.clock.now() + first.leaseMs;
    this.#hold(first);
  }

  /** Obtain the first credentials. */
  static async obtain(deps: LeaseKeeperDeps, signal: AbortSignal, background: boolean): Promise<LeaseKeeper> {
    return new LeaseKeeper(deps, await readGrant(deps, signal, background));
  }

  /** The credentials now held. */
  get grant(): LeaseGrant {
    return this.#grant;
  }

  /** Start the renewal steps (idempotent). */
  start(): void {
    if (this.#poller || this.#deps.lifetime.aborted) return;
    this.#poller = startPolling({
      intervalMs: this.#nextDelay(),
      jitter: 0,
      clock: this.#deps.clock,
      signal: this.#deps.lifetime,
      backoff: { initialDelayMs: Math.max(1, this.#deps.baseDelayMs), maxDelayMs: 60_000 },
      poll: (signal) => this.#step(signal),
      onFailure: (error) => this.#deps.onFailure(error),
      onRecovery: () => this.#deps.onRecovery(),
    });
  }

  /** Stop the steps. */
  stop(): void {
    this.#poller?.dispose();
    this.#poller = undefined;
  }

  /** Lease ids still alive on the clock (for revocation at close). */
  liveLeases(): string[] {
    const now = this.#deps.clock.now();
    return [...this.#held].filter(([, end]) => end > now).map(([id]) => id);
  }

  /** The wait before the next step: 2/3 of the lease, or the re-read interval without one. */
  #nextDelay(): number {
    if (this.#grant.leaseMs <= 0) return this.#deps.rereadIntervalMs;
    const left = this.#expiresAt - this.#deps.clock.now();
    return Math.max(1, Math.round((Math.max(0, left) * 2) / 3));
  }

  async #step(signal: AbortSignal): Promise<PollResult> {
    const grant = this.#grant;
    let reason: string;
    if (grant.leaseMs <= 0) reason = 're-read';
    else if (!grant.renewable) reason = 'the lease is not renewable';
    else if (this.#ending) reason = 'the lease reaches its max TTL';
    else if (this.#deps.clock.now() >= this.#expiresAt)
      reason = 'the lease ran out before it could be renewed';
    else {
      const refused = await this.#renew(signal);
      if (refused === undefined) return { nextDelayMs: this.#nextDelay() };
      reason = refused;
    }
    const next = await readGrant(this.#deps, signal, true);
    const changed = next.fingerprint !== grant.fingerprint;
    this.#grant = next;
    this.#expiresAt = this.#deps.clock.now() + next.leaseMs;
    this.#ending = false;
    this.#hold(next);
    if (changed) this.#deps.onRotated(reason === 're-read' ? 'the engine answered new credentials' : reason);
    return { nextDelayMs: this.#nextDelay() };
  }

  /** Renew; undefined when renewed, else why it was refused (then credentials are replaced). */
  async #renew(signal: AbortSignal): Promise<string | undefined> {
    const { client, session } = this.#deps;
    const leaseId = this.#grant.leaseId;
    try {
      const reply = await session.call(
        (token) =>
          client.send({
            method: 'PUT',
            path: 'sys/leases/renew',
            body: { lease_id: leaseId },
            token,
            signal,
            background: true,
          }),
        true,
      );
      const { leaseMs, renewable } = renewedLeaseMs(reply.body);
      // Shorter than the grant: Vault cut the renewal at the max TTL, and no renewal will get past it.
      this.#ending = leaseMs < this.#grant.leaseMs || !renewable;
      this.#expiresAt = this.#deps.clock.now() + leaseMs;
      this.#held.set(leaseId, this.#expiresAt);
      return undefined;
    } catch (error) {
      const status = VaultRequestError.is(error) ? (error.status ?? 0) : 0;
      // A client error (400 lease not found or not renewable, 403) will not change on a retry: replace the
      // credentials now. Anything else (5xx, network) is retried by the poller's backoff.
      if (status >= 400 && status < 500 && status !== 412 && status !== 429) {
        this.#held.delete(leaseId);
        return `the lease renewal was refused (${status})`;
      }
      throw error;
    }
  }

  #hold(grant: LeaseGrant): void {
    if (grant.leaseId !== '') this.#held.set(grant.leaseId, this.#deps.clock.now() + grant.leaseMs);
  }
}

async function readGrant(
  deps: Pick<LeaseKeeperDeps, 'apiPath' | 'client' | 'session' | 'limits'>,
  signal: AbortSignal,
  background: boolean,
): Promise<LeaseGrant> {
  const { apiPath, client, session, limits } = deps;
  const counter = new InputShapeCounter({
    limits,
    input: `Vault's answer to GET /v1/${apiPath}`,
    raise: 'vaultDynamicSource',
  });
  const reply = await session.call(
    (token) =>
      client.send({
        method: 'GET',
        path: apiPath,
        token,
        signal,
        background,
        inspect: (text) => counter.text(text, 'json'),
      }),
    background,
  );
  const grant = leaseGrantOf(reply.body, apiPath);
  counter.value(grant.data);
  return grant;
}
