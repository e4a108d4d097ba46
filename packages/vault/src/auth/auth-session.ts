import { SourceError, type Logger, type StrataError } from '@strata/core';
import { backoffDelay, type PollClock } from '@strata/core/source';
import { readCredentialFile } from './read-credential-file.js';
import {
  type CredentialContext,
  cliTokenFile,
  loginActivity,
  obtainToken,
  tokenIsReReadable,
  tokenOrigin,
} from './obtain-token.js';
import type { VaultAuthOptions } from '../vault-source-options.js';
import { VaultRequestError } from '../http/vault-request-error.js';
import type { VaultClient } from '../http/vault-client.js';

/** What an {@link AuthSession} needs from its source. */
export interface AuthSessionDeps {
  readonly source: string;
  readonly client: VaultClient;
  readonly auth: VaultAuthOptions;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted when the source is disposed. */
  readonly lifetime: AbortSignal;
  /** Time and timers of renewals. */
  readonly clock: PollClock;
  /** Turn a failure into a clear error for an activity. */
  describe(error: unknown, activity: string): StrataError;
  logger(): Logger;
  /** Background token work (renewal, re-login) failed / works again. */
  onFailure(error: StrataError, willRetry: boolean): void;
  onSuccess(): void;
}

const renewActivity = 'renewing the Vault token (auth/token/renew-self)';

/**
 * The token's life: a lazy login at first use, renewal at 2/3 of each lease (a shortened lease means the
 * max TTL is near, so AppRole, Kubernetes and JWT log in afresh instead), and exactly one re-login when
 * the token is dead, shared by every request that saw it.
 *
 * A token is dead when Vault says `invalid token` (1.17 and later) or, since Vault before 1.17 answers a dead
 * token with a bare 403 `permission denied` indistinguishable from a missing grant, when a 403 comes while
 * the session already doubts the token: its lease has run out on our clock, its renewal was refused with a
 * client error, or its `lookup-self` was denied. Spring Vault's session manager reasons the same way.
 */
export class AuthSession {
  readonly #deps: AuthSessionDeps;
  #token: string | undefined;
  #login: Promise<string> | undefined;
  #leaseMs = 0;
  /** When the current token's lease ends on our clock; undefined without a lease. */
  #expiresAt: number | undefined;
  /** Why the current token may be dead though Vault did not say so (renewal refused, lookup denied). */
  #doubt: string | undefined;
  /** The token came from a login (AppRole, Kubernetes, JWT), so it is ours to revoke. */
  #issued = false;
  #cancelTimer: (() => void) | undefined;
  #failures = 0;

  constructor(deps: AuthSessionDeps) {
    this.#deps = deps;
  }

  /** The current token, logging in first when there is none ('' in agent mode: send none). */
  token(background = false): Promise<string> {
    return this.#token === undefined ? this.#loginOnce(background) : Promise.resolve(this.#token);
  }

  /**
   * Run a request with the token. When the token turns out dead, log in again once (shared with concurrent
   * callers) and run it once more; a second refusal is thrown.
   */
  async call<T>(run: (token: string) => Promise<T>, background: boolean): Promise<T> {
    const token = await this.token(background);
    try {
      return await run(token);
    } catch (error) {
      if (!VaultRequestError.is(error)) throw error;
      const dead =
        error.invalidToken ||
        (error.status === 403 &&
          (this.#doubted(token) !== undefined || (await this.#fileHoldsAnother(token))));
      if (!dead) throw error;
      return run(await this.#relogin(token, error, background));
    }
  }

  /**
   * Stop renewal; with `revokeToken`, revoke a token this session logged in for (`auth/token/revoke-self`),
   * best effort within `timeoutMs`. A token given by the user (static, file, agent) is never revoked: it
   * is not this process's to end.
   */
  async close(options: { revokeToken: boolean; signal: AbortSignal }): Promise<void> {
    this.#cancelTimer?.();
    const token = this.#token;
    if (!options.revokeToken || !this.#issued || token === undefined || token === '') return;
    this.#token = undefined;
    try {
      await this.#deps.client.send({
        method: 'POST',
        path: 'auth/token/revoke-self',
        token,
        signal: options.signal,
        background: true,
      });
    } catch (error) {
      this.#deps
        .logger()
        .warn(this.#deps.describe(error, 'revoking the login token (auth/token/revoke-self)').message, {
          source: this.#deps.source,
        });
    }
  }

  /** Stop renewal. Nothing is revoked. */
  dispose(): void {
    this.#cancelTimer?.();
  }

  /** Why `token` may be dead, or undefined when there is no reason to think so. */
  #doubted(token: string): string | undefined {
    if (token !== this.#token) return 'it was replaced';
    if (this.#doubt !== undefined) return this.#doubt;
    if (this.#expiresAt !== undefined && this.#deps.clock.now() >= this.#expiresAt) {
      return 'its lease ran out';
    }
    return undefined;
  }

  /**
   * For a token read from a file (tokenFile, ~/.vault-token): whether the file now holds another one, which
   * makes a bare 403 most likely the old token's death (an agent or `vault login` rewrote the file).
   */
  async #fileHoldsAnother(token: string): Promise<boolean> {
    const { auth, env, cwd } = this.#deps;
    if (auth.method !== 'token' || !tokenIsReReadable(auth, env) || token !== this.#token) return false;
    const file = auth.tokenFile ?? cliTokenFile(env);
    try {
      const current = await readCredentialFile(
        file,
        cwd,
        auth.tokenFile ? 'auth.tokenFile' : '~/.vault-token',
      );
      if (current === token) return false;
      this.#doubt = 'its file was given a new token';
      return true;
    } catch {
      return false;
    }
  }

  #relogin(stale: string, cause: VaultRequestError, background: boolean): Promise<string> {
    if (this.#token !== undefined && this.#token !== stale) return Promise.resolve(this.#token);
    const doubt = cause.invalidToken ? undefined : this.#doubted(stale);
    if (this.#token === stale) this.#token = undefined;
    const { auth, env } = this.#deps;
    if (auth.method === 'agent' || (auth.method === 'token' && !tokenIsReReadable(auth, env))) {
      const what =
        auth.method === 'agent'
          ? 'the token the Vault Agent adds'
          : `the token from ${tokenOrigin(auth, env)}`;
      const why =
        doubt === undefined
          ? 'as invalid or expired'
          : `with a bare 403 after ${doubt} (Vault before 1.17 says only "permission denied" for a dead token)`;
      const advice =
        auth.method === 'agent'
          ? "check the agent's auto-auth and that use_auto_auth_token is set"
          : 'a static token cannot log in again: supply a new one, or use tokenFile (re-read on rejection), AppRole, Kubernetes or JWT auth';
      return Promise.reject(
        new SourceError(this.#deps.source, `Vault rejected ${what} ${why} (${cause.message}); ${advice}`, {
          cause,
        }),
      );
    }
    if (doubt !== undefined) {
      this.#deps
        .logger()
        .info(`vault: a 403 after ${doubt}: treating the token as dead and logging in again`, {
          source: this.#deps.source,
        });
    }
    return this.#loginOnce(background);
  }

  #loginOnce(background: boolean): Promise<string> {
    this.#login ??= this.#performLogin(background).finally(() => {
      this.#login = undefined;
    });
    return this.#login;
  }

  async #performLogin(background: boolean): Promise<string> {
    const { auth, client, lifetime, cwd, env, clock } = this.#deps;
    const context: CredentialContext = { cwd, env, signal: lifetime, background };
    let grant: Awaited<ReturnType<typeof obtainToken>>;
    try {
      grant = await obtainToken(auth, client, context);
    } catch (error) {
      throw this.#deps.describe(error, loginActivity(auth));
    }
    this.#token = grant.token;
    this.#leaseMs = grant.leaseMs;
    this.#expiresAt = grant.leaseMs > 0 ? clock.now() + grant.leaseMs : undefined;
    this.#doubt = grant.lookupDenied ? 'its lookup-self was denied' : undefined;
    this.#issued = auth.method === 'approle' || auth.method === 'kubernetes' || auth.method === 'jwt';
    this.#failures = 0;
    this.#deps.onSuccess();
    const lease =
      grant.leaseMs > 0
        ? `lease ${grant.leaseMs / 1000} s${grant.renewable ? ', renewable' : ''}`
        : grant.none
          ? 'sent by the agent'
          : 'no expiry';
    this.#deps
      .logger()
      .debug(`vault: token ready via ${auth.method} (${lease})`, { source: this.#deps.source });
    this.#plan(grant.leaseMs, grant.renewable, false);
    return grant.token;
  }

  /** Schedule the next renewal or proactive re-login at 2/3 of the lease. */
  #plan(leaseMs: number, renewable: boolean, shortened: boolean): void {
    this.#cancelTimer?.();
    if (leaseMs <= 0) return;
    const delay = Math.max(10, Math.round((leaseMs * 2) / 3));
    const { auth } = this.#deps;
    const canLogin = auth.method === 'approle' || auth.method === 'kubernetes' || auth.method === 'jwt';
    if (renewable && !shortened) this.#at(delay, () => this.#renew());
    else if (canLogin) this.#at(delay, () => this.#backgroundLogin());
    else if (renewable) {
      this.#deps
        .logger()
        .warn(
          `vault: the token reaches its max TTL in ${Math.round(leaseMs / 1000)} s and cannot be renewed further`,
          { source: this.#deps.source },
        );
    }
  }

  async #renew(): Promise<void> {
    const token = this.#token;
    if (token === undefined) return;
    const { client, lifetime, clock } = this.#deps;
    try {
      const reply = await client.send({
        method: 'POST',
        path: 'auth/token/renew-self',
        body: {},
        token,
        signal: lifetime,
        background: true,
      });
      if (this.#token !== token) return;
      const grant = (reply.body as { auth?: { lease_duration?: unknown; renewable?: unknown } } | undefined)
        ?.auth;
      const leaseMs = typeof grant?.lease_duration === 'number' ? grant.lease_duration * 1000 : 0;
      const shortened = leaseMs < this.#leaseMs;
      this.#leaseMs = leaseMs;
      this.#expiresAt = leaseMs > 0 ? clock.now() + leaseMs : undefined;
      this.#failures = 0;
      this.#deps.onSuccess();
      this.#deps
        .logger()
        .debug(`vault: token renewed (lease ${leaseMs / 1000} s)`, { source: this.#deps.source });
      this.#plan(leaseMs, grant?.renewable === true, shortened);
    } catch (error) {
      if (lifetime.aborted || this.#token !== token) return;
      // Any client error but 412 and 429 (which are retried): Vault before 1.17 answers a dead token's
      // renewal with a plain 403, and 400 means the lease cannot be renewed. Retrying either forever would
      // only keep a dead session looking alive.
      const status = VaultRequestError.is(error) ? (error.status ?? 0) : 0;
      const dead = status >= 400 && status < 500 && status !== 412 && status !== 429;
      if (dead) this.#doubt = `its renewal was refused (${status})`;
      const { auth, env } = this.#deps;
      const canLogin = auth.method !== 'agent' && (auth.method !== 'token' || tokenIsReReadable(auth, env));
      if (dead && canLogin) {
        await this.#backgroundLogin(error as VaultRequestError);
        return;
      }
      this.#deps.onFailure(this.#deps.describe(error, renewActivity), !dead);
      if (!dead) this.#at(this.#retryDelay(), () => this.#renew());
    }
  }

  async #backgroundLogin(cause?: VaultRequestError): Promise<void> {
    const stale = this.#token;
    try {
      if (cause !== undefined && stale !== undefined) await this.#relogin(stale, cause, true);
      else await this.#loginOnce(true);
    } catch (error) {
      if (this.#deps.lifetime.aborted) return;
      this.#deps.onFailure(error as StrataError, true);
      this.#at(this.#retryDelay(), () => this.#backgroundLogin(cause));
    }
  }

  #retryDelay(): number {
    this.#failures += 1;
    const { baseDelayMs, maxDelayMs } = this.#deps.client.config;
    return Math.max(baseDelayMs, backoffDelay(this.#failures, { initialDelayMs: baseDelayMs, maxDelayMs }));
  }

  #at(delayMs: number, run: () => Promise<void>): void {
    this.#cancelTimer?.();
    if (this.#deps.lifetime.aborted) return;
    this.#cancelTimer = this.#deps.clock.setTimer(() => void run(), delayMs);
  }
}
