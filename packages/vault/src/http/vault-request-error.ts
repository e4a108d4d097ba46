const brand = Symbol.for('@strata/vault/VaultRequestError');

/** What went wrong with one request to Vault. */
export type VaultRequestFailure =
  /** Vault answered a non-2xx status. */
  | 'status'
  /** The connection failed or dropped (refused, reset, DNS). */
  | 'network'
  /** No answer within `requestTimeoutMs`. */
  | 'timeout'
  /** The caller gave up (the configuration closed). */
  | 'aborted'
  /** The answer was not the JSON Vault sends. */
  | 'protocol'
  /** Redirects went on too long. */
  | 'redirect'
  /** The TLS setup or the server's certificate failed (a CA file missing, a certificate not trusted). */
  | 'tls';

/** A KV v2 version that exists but was deleted or destroyed (Vault's 404 still carries its metadata). */
export interface VaultDeletedVersion {
  readonly version: number;
  /** RFC 3339 time of the soft delete, or '' when destroyed without one. */
  readonly deletionTime: string;
  readonly destroyed: boolean;
}

/** What a {@link VaultRequestError} is built from. */
export interface VaultRequestErrorFields {
  readonly failure: VaultRequestFailure;
  readonly method: string;
  readonly path: string;
  /** The rest of the message after `GET /v1/<path> `: `answered 403: permission denied`. */
  readonly detail: string;
  readonly status?: number;
  readonly errors?: readonly string[];
  readonly retryable: boolean;
  readonly attempts?: number;
  readonly deleted?: VaultDeletedVersion;
  /** The `Retry-After` of a retryable answer (seconds or an HTTP date), in ms. */
  readonly retryAfterMs?: number;
}

/**
 * One request to Vault failed. Carried as the `cause` of the `SourceError` the source throws; never holds
 * the token or a secret value.
 */
export class VaultRequestError extends Error {
  readonly #fields: VaultRequestErrorFields;
  readonly failure: VaultRequestFailure;
  /** `GET`, `POST`. */
  readonly method: string;
  /** The API path after `/v1/`. */
  readonly path: string;
  /** The HTTP status, for `status` failures. */
  readonly status: number | undefined;
  /** Vault's `errors`, whitespace tidied. */
  readonly errors: readonly string[];
  /** Worth another attempt (429, 5xx, network, timeout). */
  readonly retryable: boolean;
  /** Attempts made before giving up. */
  readonly attempts: number;
  /** Set when a KV v2 read hit a deleted or destroyed version. */
  readonly deleted: VaultDeletedVersion | undefined;
  /** The `Retry-After` of a retryable answer (seconds or an HTTP date), in ms. */
  readonly retryAfterMs: number | undefined;

  constructor(fields: VaultRequestErrorFields, options?: { cause?: unknown }) {
    const attempts = fields.attempts ?? 1;
    const tries = attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
    super(`${fields.method} /v1/${fields.path} ${fields.detail}${tries}`, options);
    this.name = 'VaultRequestError';
    this.failure = fields.failure;
    this.method = fields.method;
    this.path = fields.path;
    this.status = fields.status;
    this.errors = fields.errors ?? [];
    this.retryable = fields.retryable;
    this.attempts = attempts;
    this.deleted = fields.deleted;
    this.retryAfterMs = fields.retryAfterMs;
    this.#fields = fields;
    Object.defineProperty(this, brand, { value: true });
  }

  /** The same failure, recording how many attempts were made. */
  withAttempts(attempts: number): VaultRequestError {
    if (attempts === this.attempts) return this;
    return new VaultRequestError({ ...this.#fields, attempts }, { cause: this.cause });
  }

  /** True when Vault said the token is invalid or expired (403 `invalid token`), as opposed to a denied path. */
  get invalidToken(): boolean {
    return this.status === 403 && this.errors.some((e) => /invalid token/i.test(e));
  }

  /** True for any `VaultRequestError`, even from another copy of the package. */
  static is(value: unknown): value is VaultRequestError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
  }
}
