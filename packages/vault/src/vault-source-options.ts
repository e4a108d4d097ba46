/** The KV secrets engine version of a mount; `'auto'` asks Vault (once per mount). */
export type VaultKvVersion = 1 | 2 | 'auto';

import type { PollClock } from '@strata/core/source';

/**
 * Authenticate with a token given directly, read from a file, taken from `VAULT_TOKEN`, or (as the Vault CLI
 * does) read from `~/.vault-token`, which `vault login` writes.
 */
export interface VaultTokenAuth {
  readonly method: 'token';
  /**
   * The token. Prefer `tokenFile` or `VAULT_TOKEN`: options end up in code.
   * @default ctx.env.VAULT_TOKEN, else the file `~/.vault-token` (`HOME` from ctx.env)
   */
  readonly token?: string;
  /**
   * A file holding the token (a Vault Agent sink, a mounted secret); relative to `ctx.cwd`. Re-read when
   * Vault calls the token invalid, so a rotated file is picked up.
   */
  readonly tokenFile?: string;
}

/** Log in with AppRole (`POST /v1/auth/<mount>/login`). */
export interface VaultAppRoleAuth {
  readonly method: 'approle';
  /** The role's `role_id`. */
  readonly roleId: string;
  /** The `secret_id`. Omit for roles without `bind_secret_id`, or use `secretIdFile`. */
  readonly secretId?: string;
  /** A file holding the `secret_id` (relative to `ctx.cwd`), read at every login. */
  readonly secretIdFile?: string;
  /** Where the auth method is mounted. @default 'approle' */
  readonly mount?: string;
}

/** Log in with a Kubernetes service-account token (`POST /v1/auth/<mount>/login`). */
export interface VaultKubernetesAuth {
  readonly method: 'kubernetes';
  /** The Vault role bound to the service account. */
  readonly role: string;
  /** The service-account JWT, read at every login (projected tokens rotate). @default '/var/run/secrets/kubernetes.io/serviceaccount/token' */
  readonly jwtFile?: string;
  /** Where the auth method is mounted. @default 'kubernetes' */
  readonly mount?: string;
}

/**
 * Log in with a JWT or OIDC token from an identity provider (`POST /v1/auth/<mount>/login {role, jwt}`):
 * workload identity tokens, CI/CD OIDC tokens, SPIFFE JWT-SVIDs.
 */
export interface VaultJwtAuth {
  readonly method: 'jwt';
  /** The Vault role of the JWT auth method. */
  readonly role: string;
  /** A file holding the JWT (relative to `ctx.cwd`), read at every login: issuers rotate them. */
  readonly jwtFile?: string;
  /** The JWT itself. Prefer `jwtFile`: options end up in code. */
  readonly jwt?: string;
  /** Where the auth method is mounted. @default 'jwt' */
  readonly mount?: string;
}

/**
 * Send no token: a Vault Agent or Vault Proxy with `use_auto_auth_token` adds its own and keeps it alive. The
 * address defaults to `VAULT_AGENT_ADDR` (then `VAULT_ADDR`), as the Vault CLI does.
 */
export interface VaultAgentAuth {
  readonly method: 'agent';
}

/** How the source authenticates. */
export type VaultAuthOptions =
  | VaultTokenAuth
  | VaultAppRoleAuth
  | VaultKubernetesAuth
  | VaultJwtAuth
  | VaultAgentAuth;

/**
 * TLS settings for an `https` address. Each falls back to the variable the Vault CLI reads. Files are
 * relative to `ctx.cwd` and read once, when the source first connects.
 */
export interface VaultTlsOptions {
  /** A PEM file of CA certificates to trust instead of Node's bundle. @default ctx.env.VAULT_CACERT */
  readonly caCert?: string;
  /** A directory of PEM files, each trusted (`.pem`, `.crt`). @default ctx.env.VAULT_CAPATH */
  readonly caPath?: string;
  /** A PEM client certificate, for Vault listeners that require one (and the `cert` auth method). @default ctx.env.VAULT_CLIENT_CERT */
  readonly clientCert?: string;
  /** The client certificate's PEM private key. @default ctx.env.VAULT_CLIENT_KEY */
  readonly clientKey?: string;
  /** The name to check the server's certificate against (and send as SNI). @default ctx.env.VAULT_TLS_SERVER_NAME */
  readonly serverName?: string;
  /**
   * Do not verify the server's certificate. Anyone on the path can then read the token and every secret:
   * for a laptop against a dev server only. Logged as a warning at every connection setup.
   * @default ctx.env.VAULT_SKIP_VERIFY ('1' or 'true')
   */
  readonly skipVerify?: boolean;
}

/** One secret to read. */
export interface VaultSecretOptions {
  /**
   * The secret's path, mount first, without KV v2's `data/`: `'secret/app/{env}'`. `{env}` expands to the
   * environment name. When `mount` is given, the path is relative to it (like `vault kv get -mount`).
   */
  readonly path: string;
  /** The mount, for mounts whose path has several segments (`'kv/team-a'`). @default the first segment of `path` (with `kv: 'auto'`, the mount Vault reports) */
  readonly mount?: string;
  /**
   * Where the secret's keys go in the configuration tree, dotted: `'database'` puts key `password` at
   * `database.password`. @default the root
   */
  readonly into?: string;
  /** Read this KV v2 version instead of the latest. @default latest */
  readonly version?: number;
  /** The KV version of this secret's mount. @default the source's `kv` */
  readonly kv?: VaultKvVersion;
  /** Take only these keys of the secret; a missing one is an error. @default every key */
  readonly keys?: readonly string[];
}

/** Retries of one request: exponential backoff with full jitter. */
export interface VaultRetryOptions {
  /** Attempts in all, the first included. @default 4 */
  readonly attempts?: number;
  /** The first retry waits up to this long; each further one doubles it. @default 200 */
  readonly baseDelayMs?: number;
  /** The longest wait between two attempts. @default 5000 */
  readonly maxDelayMs?: number;
}

/** How to reach Vault and authenticate: shared by `vaultSource` and `vaultDynamicSource`. */
export interface VaultConnectionOptions {
  /** Vault's address. @default ctx.env.VAULT_AGENT_ADDR, else ctx.env.VAULT_ADDR */
  readonly address?: string;
  /** Enterprise namespace, sent as `X-Vault-Namespace`. @default ctx.env.VAULT_NAMESPACE */
  readonly namespace?: string;
  /** How to authenticate. @default { method: 'token' } (VAULT_TOKEN, else ~/.vault-token) */
  readonly auth?: VaultAuthOptions;
  /** TLS settings for an https address (CA, client certificate, server name). @default the VAULT_* variables */
  readonly tls?: VaultTlsOptions;
  /** Give up on one request after this long (then retry). @default 5000 */
  readonly requestTimeoutMs?: number;
  /**
   * Retries of one request on 412 (a performance standby not caught up yet), 429, 5xx (sealed included),
   * connection errors and timeouts. A `Retry-After` (seconds or an HTTP date) is honoured, never below
   * `baseDelayMs`.
   */
  readonly retry?: VaultRetryOptions;
  /**
   * Time and timers for token renewal and lease upkeep. For tests: a clock the test advances makes TTLs
   * pass without waiting. @default systemPollClock (Date.now, unref'ed timers)
   */
  readonly clock?: PollClock;
}

/** Options of `vaultSource`. */
export interface VaultSourceOptions extends VaultConnectionOptions {
  /** The source's name in errors, events and `explain`. @default `vault:<first secret path>` */
  readonly name?: string;
  /** The secrets to read, in precedence order (a later secret wins over an earlier one at the same key). */
  readonly secrets: readonly VaultSecretOptions[];
  /** KV version of the mounts. @default 'auto' */
  readonly kv?: VaultKvVersion;
  /** Re-read every secret this often while watched (±10% jitter); 0 disables polling. @default 300000 */
  readonly pollIntervalMs?: number;
  /** Start without this source when it fails at start-up, instead of failing the load. @default false */
  readonly optional?: boolean;
  /** Mark every value as secret in its origin (redacted in errors, events and `explain`). @default true */
  readonly secret?: boolean;
}
