/** The KV secrets engine version of a mount; `'auto'` asks Vault (once per mount). */
export type VaultKvVersion = 1 | 2 | 'auto';

/** Authenticate with a token given directly, read from a file, or taken from `VAULT_TOKEN`. */
export interface VaultTokenAuth {
  readonly method: 'token';
  /** The token. Prefer `tokenFile` or `VAULT_TOKEN`: options end up in code. @default ctx.env.VAULT_TOKEN */
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

/** How the source authenticates. */
export type VaultAuthOptions = VaultTokenAuth | VaultAppRoleAuth | VaultKubernetesAuth;

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

/** Options of `vaultSource`. */
export interface VaultSourceOptions {
  /** The source's name in errors, events and `explain`. @default `vault:<first secret path>` */
  readonly name?: string;
  /** Vault's address. @default ctx.env.VAULT_ADDR */
  readonly address?: string;
  /** Enterprise namespace, sent as `X-Vault-Namespace`. @default ctx.env.VAULT_NAMESPACE */
  readonly namespace?: string;
  /** How to authenticate. @default { method: 'token' } (VAULT_TOKEN) */
  readonly auth?: VaultAuthOptions;
  /** The secrets to read, in precedence order (a later secret wins over an earlier one at the same key). */
  readonly secrets: readonly VaultSecretOptions[];
  /** KV version of the mounts. @default 'auto' */
  readonly kv?: VaultKvVersion;
  /** Re-read every secret this often while watched (±10% jitter); 0 disables polling. @default 300000 */
  readonly pollIntervalMs?: number;
  /** Give up on one request after this long (then retry). @default 5000 */
  readonly requestTimeoutMs?: number;
  /** Retries of one request on 429, 5xx (sealed included), connection errors and timeouts. */
  readonly retry?: VaultRetryOptions;
  /** Start without this source when it fails at start-up, instead of failing the load. @default false */
  readonly optional?: boolean;
  /** Mark every value as secret in its origin (redacted in errors, events and `explain`). @default true */
  readonly secret?: boolean;
}
