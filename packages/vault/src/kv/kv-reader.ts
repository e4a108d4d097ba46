import { encodePath, expandSecretPath, trimSlashes } from './secret-path.js';
import type { VaultKvVersion, VaultSecretOptions } from '../vault-source-options.js';
import { VaultRequestError } from '../http/vault-request-error.js';
import type { AuthSession } from '../auth/auth-session.js';
import type { VaultClient } from '../http/vault-client.js';

/** A secret with its mount and KV version known. */
export interface ResolvedSecret {
  /** `secret/app/prod`: the mount and path, as a person writes it. */
  readonly display: string;
  readonly mount: string;
  /** The path inside the mount. */
  readonly path: string;
  readonly kv: 1 | 2;
  readonly version: number | undefined;
  /** Where its keys go in the configuration tree. */
  readonly into: readonly string[];
  readonly keys: readonly string[] | undefined;
  /** The API path of the read, for origins: `secret/data/app/prod` (v2), `kv/app` (v1); namespace first. */
  readonly locator: string;
}

/** What one read returned. */
export interface SecretRead {
  readonly secret: ResolvedSecret;
  /** The secret's key/value object as Vault sent it (JSON-parsed). */
  readonly data: Readonly<Record<string, unknown>>;
  /** The KV v2 version served; undefined for KV v1. */
  readonly version: number | undefined;
}

/** Settings of a {@link KvReader}. */
export interface KvReaderConfig {
  readonly client: VaultClient;
  readonly session: AuthSession;
  readonly namespace: string | undefined;
  readonly defaultKv: VaultKvVersion;
}

/** Reads KV v1 and v2 secrets; with `kv: 'auto'` asks Vault each mount's version once and remembers it. */
export class KvReader {
  readonly #config: KvReaderConfig;
  readonly #mounts = new Map<string, 1 | 2>();

  constructor(config: KvReaderConfig) {
    this.#config = config;
  }

  /** Expand `{env}` and find the mount and KV version (asking Vault once per mount when `auto`). */
  async resolve(
    options: VaultSecretOptions,
    environment: string,
    signal: AbortSignal,
    background: boolean,
  ): Promise<ResolvedSecret> {
    const givenMount = options.mount === undefined ? undefined : expandSecretPath(options.mount, environment);
    const path = expandSecretPath(options.path, environment);
    const full = givenMount === undefined ? path : `${givenMount}/${path}`;
    const kv = options.kv ?? this.#config.defaultKv;
    let mount = givenMount ?? (full.split('/')[0] as string);
    let version: 1 | 2;
    if (kv !== 'auto') {
      version = kv;
    } else {
      const known = this.#cached(full, givenMount);
      if (known) [mount, version] = known;
      else [mount, version] = await this.#detect(givenMount ?? full, mount, signal, background);
    }
    const rest = trimSlashes(full.slice(mount.length));
    if (rest === '') throw new Error(`"${full}" names the mount "${mount}" only, not a secret inside it`);
    if (options.version !== undefined && version === 1) {
      throw new Error(
        `version ${options.version} is pinned, but mount "${mount}" is KV v1, which keeps no versions`,
      );
    }
    const ns = this.#config.namespace ? `${trimSlashes(this.#config.namespace)}/` : '';
    return {
      display: `${mount}/${rest}`,
      mount,
      path: rest,
      kv: version,
      version: options.version,
      into: options.into === undefined ? [] : options.into.split('.'),
      keys: options.keys,
      locator: `${ns}${mount}/${version === 2 ? 'data/' : ''}${rest}`,
    };
  }

  /** Read one secret (its pinned version, else the latest). */
  async read(secret: ResolvedSecret, signal: AbortSignal, background: boolean): Promise<SecretRead> {
    const mount = encodePath(secret.mount);
    const path = encodePath(secret.path);
    const apiPath = secret.kv === 2 ? `${mount}/data/${path}` : `${mount}/${path}`;
    const query = secret.version === undefined ? undefined : { version: String(secret.version) };
    const reply = await this.#config.session.call(
      (token) =>
        this.#config.client.send({
          method: 'GET',
          path: apiPath,
          ...(query ? { query } : {}),
          token,
          signal,
          background,
        }),
      background,
    );
    const body = reply.body as { data?: { data?: unknown; metadata?: { version?: unknown } } } | undefined;
    const data = secret.kv === 2 ? body?.data?.data : body?.data;
    if (!isRecord(data))
      throw new Error(
        `GET /v1/${apiPath} answered without a key/value object in ${secret.kv === 2 ? 'data.data' : 'data'}`,
      );
    const version =
      secret.kv === 2 && typeof body?.data?.metadata?.version === 'number'
        ? body.data.metadata.version
        : undefined;
    for (const key of secret.keys ?? []) {
      if (!Object.hasOwn(data, key)) {
        throw new Error(
          `key "${key}" is not in the secret (it has: ${Object.keys(data).join(', ') || 'no keys'})`,
        );
      }
    }
    return { secret, data, version };
  }

  #cached(full: string, givenMount: string | undefined): [string, 1 | 2] | undefined {
    if (givenMount !== undefined) {
      const version = this.#mounts.get(givenMount);
      return version === undefined ? undefined : [givenMount, version];
    }
    let best: [string, 1 | 2] | undefined;
    for (const [mount, version] of this.#mounts) {
      if (full.startsWith(`${mount}/`) && (!best || mount.length > best[0].length)) best = [mount, version];
    }
    return best;
  }

  async #detect(
    askPath: string,
    fallbackMount: string,
    signal: AbortSignal,
    background: boolean,
  ): Promise<[string, 1 | 2]> {
    const { client, session } = this.#config;
    let mount = fallbackMount;
    let version: 1 | 2 = 1;
    try {
      const reply = await session.call(
        (token) =>
          client.send({
            method: 'GET',
            path: `sys/internal/ui/mounts/${encodePath(askPath)}`,
            token,
            signal,
            background,
          }),
        background,
      );
      const data = (
        reply.body as { data?: { path?: unknown; type?: unknown; options?: { version?: unknown } | null } }
      )?.data;
      if (data?.type !== undefined && data.type !== 'kv' && data.type !== 'generic') {
        throw new Error(`mount of "${askPath}" is a "${String(data.type)}" secrets engine, not KV`);
      }
      const reported = typeof data?.path === 'string' ? trimSlashes(data.path) : '';
      if (reported !== '' && (askPath === reported || askPath.startsWith(`${reported}/`))) mount = reported;
      version = String(data?.options?.version ?? '1') === '2' ? 2 : 1;
    } catch (error) {
      // Vault before 0.10 has no such endpoint and only KV v1, which is what the Vault CLI assumes too.
      if (!(VaultRequestError.is(error) && error.status === 404)) throw error;
    }
    this.#mounts.set(mount, version);
    return [mount, version];
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
