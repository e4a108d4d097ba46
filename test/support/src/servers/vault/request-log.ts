/** One request the server received. The token's value is never recorded. */
export interface VaultTestRequest {
  readonly method: string;
  /** URL path without the query: `/v1/secret/data/app`. */
  readonly path: string;
  /** Query parameters (`{ version: '3' }`, `{ list: 'true' }`). */
  readonly query: Readonly<Record<string, string>>;
  /** Lower-cased headers; `x-vault-token` is replaced by `'[redacted]'`. */
  readonly headers: Readonly<Record<string, string>>;
  /** A token header was present. */
  readonly hasToken: boolean;
  /** The `X-Vault-Namespace` header, if any. */
  readonly namespace: string | undefined;
  /** Server-clock time of arrival (ms). */
  readonly time: number;
  /** The status answered; 0 while pending or when the connection was reset. */
  readonly status: number;
  /** The injected fault that hit this request (`status 429`, `reset`, `delay 200ms`). */
  readonly fault: string | undefined;
}

/** Selects requests from the log. */
export interface VaultTestRequestFilter {
  readonly method?: string;
  /** A substring of the path, or a pattern. */
  readonly path?: string | RegExp;
  readonly status?: number;
}

type MutableRequest = { -readonly [K in keyof VaultTestRequest]: VaultTestRequest[K] };

/** Requests in arrival order. */
export class RequestLog {
  readonly #entries: MutableRequest[] = [];

  add(entry: Omit<VaultTestRequest, 'status' | 'fault'>): MutableRequest {
    const mutable: MutableRequest = { ...entry, status: 0, fault: undefined };
    this.#entries.push(mutable);
    return mutable;
  }

  list(filter: VaultTestRequestFilter = {}): VaultTestRequest[] {
    return this.#entries.filter((entry) => matches(entry, filter)).map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.#entries.length = 0;
  }
}

function matches(entry: VaultTestRequest, filter: VaultTestRequestFilter): boolean {
  if (filter.method !== undefined && entry.method !== filter.method.toUpperCase()) return false;
  if (filter.status !== undefined && entry.status !== filter.status) return false;
  const pattern = filter.path;
  if (pattern === undefined) return true;
  return typeof pattern === 'string' ? entry.path.includes(pattern) : pattern.test(entry.path);
}
