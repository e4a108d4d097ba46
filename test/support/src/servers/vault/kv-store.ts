import type { VaultTestMount, VaultTestSecretData } from './options.js';

/** One version of a KV v2 secret. */
export interface KvVersion {
  data: VaultTestSecretData | null;
  readonly createdTime: string;
  deletionTime: string;
  destroyed: boolean;
}

/** A KV v2 secret's history (KV v1 keeps one version). */
export interface KvSecret {
  readonly versions: KvVersion[];
}

/** A mount and its secrets, keyed by the path inside the mount. */
export interface KvMount {
  readonly path: string;
  readonly version: 1 | 2;
  readonly type: string;
  readonly secrets: Map<string, KvSecret>;
}

/** The key/value engines of the server: mounts found by longest prefix. */
export class KvStore {
  readonly #mounts = new Map<string, KvMount>();
  readonly #now: () => number;

  constructor(mounts: Readonly<Record<string, VaultTestMount>>, now: () => number) {
    this.#now = now;
    for (const [path, mount] of Object.entries(mounts)) this.addMount(path, mount);
  }

  /** Declare a mount (idempotent). */
  addMount(path: string, mount: VaultTestMount = {}): KvMount {
    const clean = trimSlashes(path);
    const existing = this.#mounts.get(clean);
    if (existing) return existing;
    const created: KvMount = {
      path: clean,
      version: mount.version ?? 2,
      type: mount.type ?? 'kv',
      secrets: new Map(),
    };
    this.#mounts.set(clean, created);
    return created;
  }

  /** The mount holding a full path and the rest of the path, or undefined. */
  find(fullPath: string): { mount: KvMount; rest: string } | undefined {
    const clean = trimSlashes(fullPath);
    let best: KvMount | undefined;
    for (const mount of this.#mounts.values()) {
      if (clean === mount.path || clean.startsWith(`${mount.path}/`)) {
        if (!best || mount.path.length > best.path.length) best = mount;
      }
    }
    return best ? { mount: best, rest: trimSlashes(clean.slice(best.path.length)) } : undefined;
  }

  /** Like {@link find}, creating a KV v2 mount from the first segment when none matches. */
  locate(fullPath: string): { mount: KvMount; rest: string } {
    const found = this.find(fullPath);
    if (found && found.rest !== '') return found;
    const first = trimSlashes(fullPath).split('/')[0] ?? '';
    const mount = this.addMount(first);
    return { mount, rest: trimSlashes(trimSlashes(fullPath).slice(first.length)) };
  }

  /** Write a new version (KV v1: replace); returns the version number. */
  write(mount: KvMount, path: string, data: VaultTestSecretData): number {
    const version: KvVersion = {
      data: structuredClone(data),
      createdTime: new Date(this.#now()).toISOString(),
      deletionTime: '',
      destroyed: false,
    };
    const secret = mount.secrets.get(path);
    if (!secret || mount.version === 1) {
      mount.secrets.set(path, { versions: [version] });
      return 1;
    }
    secret.versions.push(version);
    return secret.versions.length;
  }

  /** A version (0 or undefined = latest), or undefined when there is none. */
  version(mount: KvMount, path: string, version?: number): { number: number; entry: KvVersion } | undefined {
    const secret = mount.secrets.get(path);
    if (!secret || secret.versions.length === 0) return undefined;
    const number = version === undefined || version === 0 ? secret.versions.length : version;
    const entry = secret.versions[number - 1];
    return entry ? { number, entry } : undefined;
  }

  /** Soft-delete versions (default latest). */
  softDelete(mount: KvMount, path: string, versions?: readonly number[]): boolean {
    return this.#each(mount, path, versions, (entry) => {
      entry.deletionTime = new Date(this.#now()).toISOString();
    });
  }

  /** Undo a soft delete. */
  undelete(mount: KvMount, path: string, versions?: readonly number[]): boolean {
    return this.#each(mount, path, versions, (entry) => {
      if (!entry.destroyed) entry.deletionTime = '';
    });
  }

  /** Destroy versions for good (default latest). */
  destroy(mount: KvMount, path: string, versions?: readonly number[]): boolean {
    return this.#each(mount, path, versions, (entry) => {
      entry.destroyed = true;
      entry.data = null;
    });
  }

  /** Remove a secret and its whole history. */
  remove(mount: KvMount, path: string): boolean {
    return mount.secrets.delete(path);
  }

  /** The immediate children of a folder: `name` for secrets, `name/` for folders. */
  list(mount: KvMount, folder: string): string[] {
    const prefix = folder === '' ? '' : `${trimSlashes(folder)}/`;
    const keys = new Set<string>();
    for (const path of mount.secrets.keys()) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      const slash = rest.indexOf('/');
      keys.add(slash === -1 ? rest : rest.slice(0, slash + 1));
    }
    return [...keys].sort();
  }

  #each(
    mount: KvMount,
    path: string,
    versions: readonly number[] | undefined,
    apply: (entry: KvVersion) => void,
  ): boolean {
    const secret = mount.secrets.get(path);
    if (!secret) return false;
    const chosen = versions && versions.length > 0 ? versions : [secret.versions.length];
    for (const number of chosen) {
      const entry = secret.versions[number - 1];
      if (entry) apply(entry);
    }
    return true;
  }
}

/** `'/a/b/'` → `'a/b'`. */
export function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}
