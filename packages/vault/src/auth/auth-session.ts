import { SourceError, type Logger, type StrataError } from '@strata/core';
import { backoffDelay } from '@strata/core/source';
import { type CredentialContext, loginActivity, obtainToken, tokenOrigin } from './obtain-token.js';
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
 * max TTL is near, so AppRole and Kubernetes log in afresh instead), and exactly one re-login when Vault
 * calls the token invalid, shared by every request that saw it.
 */
export class AuthSession {
  readonly #deps: AuthSessionDeps;
  #token: string | undefined;
  #login: Promise<string> | undefined;
  #leaseMs = 0;
  #timer: NodeJS.Timeout | undefined;
  #failures = 0;

  constructor(deps: AuthSessionDeps) {
    this.#deps = deps;
  }

  /** The current token, logging in first when there is none. */
  token(background = false): Promise<string> {
    return this.#token === undefined ? this.#loginOnce(background) : Promise.resolve(this.#token);
  }

  /**
   * Run a request with the token. On `invalid token`, log in again once (shared with concurrent callers)
   * and run it once more; a second `invalid token` is thrown.
   */
  async call<T>(run: (token: string) => Promise<T>, background: boolean): Promise<T> {
    const token = await this.token(background);
    try {
      return await run(token);
    } catch (error) {
      if (!(VaultRequestError.is(error) && error.invalidToken)) throw error;
      return run(await this.#relogin(token, error, background));
    }
  }

  /** Stop renewal. Nothing is revoked. */
  dispose(): void {
    clearTimeout(this.#timer);
  }

  #relogin(stale: string, cause: VaultRequestError, background: boolean): Promise<string> {
    if (this.#token !== undefined && this.#token !== stale) return Promise.resolve(this.#token);
    if (this.#token === stale) this.#token = undefined;
    const { auth } = this.#deps;
    if (auth.method === 'token' && auth.tokenFile === undefined) {
      return Promise.reject(
        new SourceError(
          this.#deps.source,
          `Vault rejected the token from ${tokenOrigin(auth)} as invalid or expired (${cause.message}); a static token cannot log in again: supply a new one, or use tokenFile (re-read on rejection), AppRole or Kubernetes auth`,
          { cause },
        ),
      );
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
    const { auth, client, lifetime, cwd, env } = this.#deps;
    const context: CredentialContext = { cwd, env, signal: lifetime, background };
    let grant: Awaited<ReturnType<typeof obtainToken>>;
    try {
      grant = await obtainToken(auth, client, context);
    } catch (error) {
      throw this.#deps.describe(error, loginActivity(auth));
    }
    this.#token = grant.token;
    this.#leaseMs = grant.leaseMs;
    this.#failures = 0;
    this.#deps.onSuccess();
    const lease =
      grant.leaseMs > 0
        ? `lease ${grant.leaseMs / 1000} s${grant.renewable ? ', renewable' : ''}`
        : 'no expiry';
    this.#deps
      .logger()
      .debug(`vault: token ready via ${auth.method} (${lease})`, { source: this.#deps.source });
    this.#plan(grant.leaseMs, grant.renewable, false);
    return grant.token;
  }

  /** Schedule the next renewal or proactive re-login at 2/3 of the lease. */
  #plan(leaseMs: number, renewable: boolean, shortened: boolean): void {
    clearTimeout(this.#timer);
    if (leaseMs <= 0) return;
    const delay = Math.max(10, (leaseMs * 2) / 3);
    const canLogin = this.#deps.auth.method !== 'token';
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
    const { client, lifetime } = this.#deps;
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
      this.#failures = 0;
      this.#deps.onSuccess();
      this.#deps
        .logger()
        .debug(`vault: token renewed (lease ${leaseMs / 1000} s)`, { source: this.#deps.source });
      this.#plan(leaseMs, grant?.renewable === true, shortened);
    } catch (error) {
      if (lifetime.aborted || this.#token !== token) return;
      const dead = VaultRequestError.is(error) && (error.invalidToken || error.status === 400);
      const { auth } = this.#deps;
      if (dead && (auth.method !== 'token' || auth.tokenFile !== undefined)) {
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
    clearTimeout(this.#timer);
    if (this.#deps.lifetime.aborted) return;
    this.#timer = setTimeout(() => void run(), delayMs);
    this.#timer.unref();
  }
}
