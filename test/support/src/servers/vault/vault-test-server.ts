import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  FaultList,
  type VaultTestFault,
  type VaultTestFaultHandle,
  type VaultTestFaultMatch,
} from './faults.js';
import { durationMs } from './duration.js';
import { createHttpHandler } from './http-handler.js';
import { KvStore } from './kv-store.js';
import { LeaseStore, type VaultTestLeaseInfo } from './lease-store.js';
import type { VaultTestServerOptions, VaultTestSecretData, VaultTestTokenSpec } from './options.js';
import { RequestLog, type VaultTestRequest, type VaultTestRequestFilter } from './request-log.js';
import { TokenStore, type VaultTestAuthMethod, type VaultTestTokenInfo } from './token-store.js';
import type { VaultState } from './vault-answer.js';

/**
 * A local server that speaks enough of Vault's HTTP API for Strata's Vault source: KV v1/v2, token,
 * AppRole and Kubernetes auth, renewal with real (server-clock) TTLs, sealing, standby redirects and
 * injected faults. Listens on 127.0.0.1 with a free port. Start it with {@link startVaultTestServer}.
 */
export class VaultTestServer {
  readonly #server: Server;
  readonly #state: VaultState;
  readonly #kv: KvStore;
  readonly #tokens: TokenStore;
  readonly #leases: LeaseStore;
  readonly #tls: boolean;
  readonly #faults = new FaultList();
  readonly #log = new RequestLog();
  readonly #delays = new Set<() => void>();
  #clockOffset = 0;
  #sealed: boolean;
  #activeUrl: string | undefined;
  #stopped = false;
  #url = '';
  #address: { host: string; port: number } = { host: '', port: 0 };

  /** @internal Use {@link startVaultTestServer}. */
  constructor(options: VaultTestServerOptions) {
    const now = (): number => this.now();
    this.#kv = new KvStore(options.mounts ?? { secret: { version: 2 } }, now);
    this.#tokens = new TokenStore(now);
    this.#leases = new LeaseStore(options.dynamic ?? [], now);
    this.#tls = options.tls !== undefined;
    this.#sealed = options.sealed ?? false;
    this.#state = {
      kv: this.#kv,
      tokens: this.#tokens,
      approle: options.approle && { mount: options.approle.mount ?? 'approle', roles: options.approle.roles },
      kubernetes: options.kubernetes && {
        mount: options.kubernetes.mount ?? 'kubernetes',
        roles: options.kubernetes.roles,
      },
      jwt: options.jwt && { mount: options.jwt.mount ?? 'jwt', roles: options.jwt.roles },
      leases: this.#leases,
      policies: options.policies,
      version: options.version ?? '1.17.6',
      now,
    };
    for (const [path, value] of Object.entries(options.secrets ?? {})) {
      const history: readonly VaultTestSecretData[] = Array.isArray(value)
        ? value
        : [value as VaultTestSecretData];
      for (const data of history) this.writeSecret(path, data);
    }
    for (const token of options.tokens ?? []) this.addToken(token);
    // A fractional TTL fails here, at start, rather than as a 500 at the first login.
    for (const role of [
      ...(options.approle?.roles ?? []),
      ...(options.kubernetes?.roles ?? []),
      ...(options.jwt?.roles ?? []),
    ]) {
      durationMs(role.ttl ?? '1h');
      if (role.maxTtl !== undefined) durationMs(role.maxTtl);
    }
    const handler = createHttpHandler({
      state: this.#state,
      log: this.#log,
      faults: this.#faults,
      sealed: () => this.#sealed,
      activeUrl: () => this.#activeUrl,
      stopped: () => this.#stopped,
      delay: (ms) => this.#delay(ms),
    });
    const tls = options.tls;
    this.#server = tls
      ? createHttpsServer(
          {
            key: tls.key,
            cert: tls.cert,
            ...(tls.ca === undefined ? {} : { ca: tls.ca }),
            requestCert: tls.requestCert ?? false,
            rejectUnauthorized: tls.requestCert ?? false,
          },
          handler,
        )
      : createServer(handler);
  }

  /** `http://127.0.0.1:<port>` (`https` with `tls`): what `VAULT_ADDR` would be. */
  get url(): string {
    return this.#url;
  }

  /** The interface and port listened on. */
  get address(): { readonly host: string; readonly port: number } {
    return this.#address;
  }

  /** @internal */
  async listen(host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, host, () => resolve());
    });
    const { port } = this.#server.address() as AddressInfo;
    this.#address = { host, port };
    this.#url = `${this.#tls ? 'https' : 'http'}://${host}:${port}`;
  }

  /** The server's clock (ms): `Date.now()` plus {@link advanceClock} offsets. Token TTLs use it. */
  now(): number {
    return Date.now() + this.#clockOffset;
  }

  /** Move the server's clock forward (expires tokens without waiting). */
  advanceClock(ms: number): void {
    this.#clockOffset += ms;
  }

  /** Write a secret at its full path (`secret/app/prod`); KV v2 adds a version. Returns the version. */
  writeSecret(path: string, data: VaultTestSecretData): number {
    const { mount, rest } = this.#kv.locate(path);
    return this.#kv.write(mount, rest, data);
  }

  /** The data of a version (default latest), or undefined when missing, deleted or destroyed. */
  readSecret(path: string, version?: number): VaultTestSecretData | undefined {
    const { mount, rest } = this.#kv.locate(path);
    const found = this.#kv.version(mount, rest, version);
    if (found?.entry.deletionTime !== '' || found.entry.destroyed) return undefined;
    return found.entry.data ?? undefined;
  }

  /** Soft-delete versions of a KV v2 secret (default the latest): reads answer 404 with `data: null`. */
  deleteSecretVersion(path: string, ...versions: number[]): void {
    const { mount, rest } = this.#kv.locate(path);
    this.#kv.softDelete(mount, rest, versions);
  }

  /** Destroy versions of a KV v2 secret for good (default the latest). */
  destroySecretVersion(path: string, ...versions: number[]): void {
    const { mount, rest } = this.#kv.locate(path);
    this.#kv.destroy(mount, rest, versions);
  }

  /** Remove a secret with all its versions and metadata: reads answer a plain 404. */
  deleteSecret(path: string): void {
    const { mount, rest } = this.#kv.locate(path);
    this.#kv.remove(mount, rest);
  }

  /** Add a token; a string is a root token without TTL. Returns the token value. */
  addToken(spec: string | VaultTestTokenSpec): string {
    const full: VaultTestTokenSpec = typeof spec === 'string' ? { id: spec } : spec;
    return this.#tokens.create('token', full, { ttl: 0, policies: ['root'] }, full.id).id;
  }

  /** Revoke a token: it answers `invalid token` from now on. */
  revokeToken(id: string): void {
    this.#tokens.revoke(id);
  }

  /** Make tokens expire now (all, one id, or those from one auth method); returns how many. */
  expireTokens(filter: { id?: string; method?: VaultTestAuthMethod } = {}): number {
    return this.#tokens.expire(filter);
  }

  /** Every lease issued by the dynamic engines (credentials included: for tests that check nothing leaks). */
  leases(): VaultTestLeaseInfo[] {
    return this.#leases.list();
  }

  /** Make leases expire now (all, one id, or one role's); returns how many. */
  expireLeases(filter: { id?: string; role?: string } = {}): number {
    return this.#leases.expire(filter);
  }

  /** Revoke a lease: renewals answer 400 `lease not found` from now on. */
  revokeLease(id: string): void {
    this.#leases.revoke(id);
  }

  /** Every token the server knows (values included: for tests that check nothing leaks). */
  tokens(): VaultTestTokenInfo[] {
    return this.#tokens.list();
  }

  /** Seal: every request but `sys/health` and `sys/seal-status` answers 503 `Vault is sealed`. */
  seal(): void {
    this.#sealed = true;
  }

  unseal(): void {
    this.#sealed = false;
  }

  get sealed(): boolean {
    return this.#sealed;
  }

  /** Act as a standby: answer 307 with `Location` on the active node (`undefined`: active again). */
  setStandby(activeUrl: string | undefined): void {
    this.#activeUrl = activeUrl;
  }

  /** Inject a fault for the next matching request(s). */
  injectFault(fault: VaultTestFault, match?: VaultTestFaultMatch): VaultTestFaultHandle {
    return this.#faults.add(fault, match);
  }

  clearFaults(): void {
    this.#faults.clear();
  }

  /** Requests received so far, oldest first (token values never recorded). */
  requests(filter?: VaultTestRequestFilter): VaultTestRequest[] {
    return this.#log.list(filter);
  }

  clearRequests(): void {
    this.#log.clear();
  }

  /**
   * Wait until at least `count` requests match (answered ones, when `answered` is true); resolves with
   * them. Rejects after `timeoutMs` with what was seen.
   */
  async waitForRequests(
    filter: VaultTestRequestFilter,
    options: { count?: number; timeoutMs?: number; answered?: boolean } = {},
  ): Promise<VaultTestRequest[]> {
    const count = options.count ?? 1;
    const deadline = Date.now() + (options.timeoutMs ?? 10_000);
    for (;;) {
      const found = this.#log.list(filter).filter((r) => !options.answered || r.status !== 0);
      if (found.length >= count) return found;
      if (Date.now() > deadline) {
        const seen = this.#log.list().map((r) => `${r.method} ${r.path} ${r.status}`);
        throw new Error(
          `Vault test server: expected ${count} request(s) matching ${String(filter.path ?? '')}, saw ${found.length}. Log:\n${seen.join('\n')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Close the server, its connections and pending delays. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const release of this.#delays) release();
    this.#delays.clear();
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }

  #delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const release = (): void => {
        clearTimeout(timer);
        this.#delays.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      this.#delays.add(release);
    });
  }
}

/** Start a Vault test server on 127.0.0.1 with a free port. Call `stop()` when done. */
export async function startVaultTestServer(options: VaultTestServerOptions = {}): Promise<VaultTestServer> {
  const server = new VaultTestServer(options);
  await server.listen(options.host ?? '127.0.0.1');
  return server;
}
