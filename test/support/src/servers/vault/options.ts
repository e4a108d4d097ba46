import type { Duration } from './duration.js';

/** The value of one secret version: a JSON object. */
export type VaultTestSecretData = Readonly<Record<string, unknown>>;

/** How long a token lives and what it may do. TTLs are whole seconds, as Vault's are. */
export interface VaultTestLeaseOptions {
  /** Time to live from creation and after each renewal. `0` never expires (and cannot be renewed, like a root token). @default 0 for tokens, '1h' for logins */
  readonly ttl?: Duration;
  /** Hard limit from creation: renewals never extend past it (they return a shortened lease). @default none */
  readonly maxTtl?: Duration;
  /** `renew-self` is allowed. @default true */
  readonly renewable?: boolean;
  /** Policy names (see {@link VaultTestServerOptions.policies}). @default ['root'] for tokens, ['default'] for logins */
  readonly policies?: readonly string[];
}

/** A token known from the start. */
export interface VaultTestTokenSpec extends VaultTestLeaseOptions {
  /** The token value sent in `X-Vault-Token`. */
  readonly id: string;
}

/** An AppRole role: a `role_id` and the `secret_id` it accepts. */
export interface VaultTestAppRole extends VaultTestLeaseOptions {
  readonly roleId: string;
  /** The accepted `secret_id`; absent means the role does not require one (`bind_secret_id=false`). */
  readonly secretId?: string;
}

/** A Kubernetes auth role and the service-account JWT it accepts. */
export interface VaultTestKubernetesRole extends VaultTestLeaseOptions {
  readonly role: string;
  readonly jwt: string;
}

/** A JWT/OIDC auth role and the JWT it accepts. */
export interface VaultTestJwtRole extends VaultTestLeaseOptions {
  readonly role: string;
  readonly jwt: string;
}

/** A role of a lease-based secrets engine (database, AWS, RabbitMQ): each read of `<mount>/creds/<role>` issues a lease. */
export interface VaultTestDynamicRole {
  readonly role: string;
  /** The lease's TTL (`default_ttl`), whole seconds. @default '1h' */
  readonly ttl?: Duration;
  /** The lease's max TTL from issue: renewals are cut short at it. @default '24h' */
  readonly maxTtl?: Duration;
  /** `sys/leases/renew` is allowed. @default true */
  readonly renewable?: boolean;
  /** The credentials of the nth lease (1-based). @default { username: 'v-token-<role>-<n>', password: <random> } */
  readonly credentials?: (n: number) => VaultTestSecretData;
}

/** A lease-based secrets engine mount. */
export interface VaultTestDynamicMount {
  /** Where the engine is mounted. @default 'database' */
  readonly mount?: string;
  readonly roles: readonly VaultTestDynamicRole[];
}

/** TLS for the server: PEM texts or buffers. */
export interface VaultTestTls {
  readonly key: string | Buffer;
  readonly cert: string | Buffer;
  /** CA certificates that client certificates must chain to (with `requestCert`). */
  readonly ca?: string | Buffer;
  /** Ask for a client certificate and refuse connections without a valid one. @default false */
  readonly requestCert?: boolean;
}

/** A secrets engine mount. */
export interface VaultTestMount {
  /** KV version. @default 2 */
  readonly version?: 1 | 2;
  /** Engine type reported by the mounts endpoint. @default 'kv' */
  readonly type?: string;
}

/** Options of `startVaultTestServer`. */
export interface VaultTestServerOptions {
  /**
   * Secrets by full path (`'secret/app/prod'`, namespaced: `'team-a/secret/app'`). A value is the data of
   * version 1; an array is the version history (v1, v2, …). The mount is the longest declared mount that
   * prefixes the path, else the first segment as a KV v2 mount.
   * @default {}
   */
  readonly secrets?: Readonly<Record<string, VaultTestSecretData | readonly VaultTestSecretData[]>>;
  /** Mounts by path (`'secret'`, `'kv1'`, `'team-a/secret'` inside namespace team-a). @default { secret: { version: 2 } } */
  readonly mounts?: Readonly<Record<string, VaultTestMount>>;
  /** Tokens valid from the start; a string is a root token that never expires. @default [] */
  readonly tokens?: readonly (string | VaultTestTokenSpec)[];
  /** AppRole auth. @default none (login answers 400) */
  readonly approle?: { readonly mount?: string; readonly roles: readonly VaultTestAppRole[] };
  /** Kubernetes auth. @default none */
  readonly kubernetes?: { readonly mount?: string; readonly roles: readonly VaultTestKubernetesRole[] };
  /** JWT/OIDC auth (`auth/<mount>/login {role, jwt}`). @default none */
  readonly jwt?: { readonly mount?: string; readonly roles: readonly VaultTestJwtRole[] };
  /** Lease-based secrets engines (`<mount>/creds/<role>`, `sys/leases/renew`, `sys/leases/revoke`). @default none */
  readonly dynamic?: readonly VaultTestDynamicMount[];
  /**
   * The Vault version to act as. Before 1.17 a dead token is answered with a bare 403 `permission denied`;
   * from 1.17 on the answer also says `invalid token`. Reported by `sys/health`. @default '1.17.6'
   */
  readonly version?: string;
  /** Serve https with this key and certificate. @default http */
  readonly tls?: VaultTestTls;
  /**
   * Policies by name: path patterns a token may read (`'secret/data/app/*'`, trailing `*` is a prefix
   * match). A token holding `root` may do anything. When absent, every valid token may do anything.
   * @default none
   */
  readonly policies?: Readonly<Record<string, readonly string[]>>;
  /** Start sealed. @default false */
  readonly sealed?: boolean;
  /** Interface to listen on. @default '127.0.0.1' */
  readonly host?: string;
}
