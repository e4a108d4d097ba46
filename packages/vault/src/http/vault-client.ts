import type { Agent } from 'node:https';
import { sleep } from './sleep.js';
import { backoffDelay } from '@strata/core/source';
import { httpsExchange, type WireRequest, type WireResponse } from './https-exchange.js';
import { retryAfterMs } from './retry-after.js';
import { createTlsAgent, type TlsSettings } from './tls-settings.js';
import { vaultErrorTexts } from './vault-error-text.js';
import {
  type VaultDeletedVersion,
  VaultRequestError,
  type VaultRequestErrorFields,
} from './vault-request-error.js';

/** Settings of a {@link VaultClient}. */
export interface VaultClientConfig {
  /** `https://vault.example.com:8200`, no trailing slash. */
  readonly address: string;
  readonly namespace: string | undefined;
  readonly requestTimeoutMs: number;
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Custom TLS (CA, client certificate, server name, no verification) and the directory its files are relative to. */
  readonly tls?: { readonly settings: TlsSettings; readonly cwd: string } | undefined;
}

/** One call to Vault's API. */
export interface VaultCall {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** The API path after `/v1/`, segments already encoded. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly token?: string;
  /** Aborts the call (and its retries). */
  readonly signal: AbortSignal;
  /** Background work: waits between retries do not keep the process alive. */
  readonly background: boolean;
  /**
   * Sees a 2xx body's text before it is parsed, and may throw (input limits: a hostile body must not reach
   * the parser). What it throws is not retried.
   */
  readonly inspect?: (text: string) => void;
}

/** A 2xx answer. */
export interface VaultReply {
  readonly status: number;
  /** Parsed JSON, or undefined for an empty body (204). */
  readonly body: unknown;
}

type Failure = Omit<VaultRequestErrorFields, 'method' | 'path'>;

const maxRedirects = 3;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Vault's HTTP API over Node's fetch (or `node:https` when custom TLS is configured: see `createTlsAgent`): a
 * timeout per attempt, redirects followed by hand, and retries with backoff for 412, 429, 5xx, connection
 * errors and timeouts. Throws {@link VaultRequestError}.
 *
 * Why by hand: fetch would follow a standby's 307 itself and keep `X-Vault-Token` even across origins
 * (undici drops only `Authorization`, `Cookie` and `Host`), with no say in where the token goes. Here the
 * hops are capped, an https → http downgrade is refused, and the body is re-sent explicitly.
 */
export class VaultClient {
  readonly config: VaultClientConfig;
  #agent: Promise<Agent> | undefined;

  constructor(config: VaultClientConfig) {
    this.config = config;
  }

  /** Send, retrying what is worth retrying. */
  async send(call: VaultCall): Promise<VaultReply> {
    const { attempts, baseDelayMs, maxDelayMs } = this.config;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.#attempt(call);
      } catch (error) {
        // Not a request failure (an input limit): nothing to retry.
        if (!VaultRequestError.is(error)) throw error;
        const failure = error;
        if (!failure.retryable || attempt >= attempts || call.signal.aborted)
          throw failure.withAttempts(attempt);
        // A Retry-After of 0 (or a date already past) would have every client of a fleet retry at once, in
        // a burst of requests milliseconds apart: the hint is honoured, but never below the first backoff step.
        const delay =
          failure.retryAfterMs === undefined
            ? backoffDelay(attempt, { initialDelayMs: baseDelayMs, maxDelayMs })
            : Math.max(failure.retryAfterMs, baseDelayMs);
        try {
          await sleep(Math.min(delay, maxDelayMs), call.signal, { unref: call.background });
        } catch {
          throw failure.withAttempts(attempt);
        }
      }
    }
  }

  async #attempt(call: VaultCall): Promise<VaultReply> {
    const timeout = AbortSignal.timeout(this.config.requestTimeoutMs);
    const signal = AbortSignal.any([call.signal, timeout]);
    const query = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
    let url = new URL(`${this.config.address}/v1/${call.path}${query}`);
    const headers: Record<string, string> = { 'X-Vault-Request': 'true' };
    if (call.token) headers['X-Vault-Token'] = call.token;
    if (this.config.namespace) headers['X-Vault-Namespace'] = this.config.namespace;
    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    const init: WireRequest = {
      method: call.method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal,
    };
    const fail = (fields: Failure, cause?: unknown): VaultRequestError =>
      new VaultRequestError({ method: call.method, path: call.path, ...fields }, { cause });

    for (let hop = 0; ; hop += 1) {
      let response: WireResponse;
      try {
        response = await this.#exchange(url, init);
        const location = isRedirect(response.status) ? response.header('location') : null;
        if (location !== null) {
          const next = new URL(location, url);
          if (url.protocol === 'https:' && next.protocol !== 'https:') {
            const detail = `was redirected from https to ${next.origin}; the token is not sent in clear text`;
            throw fail({ failure: 'redirect', detail, retryable: false });
          }
          if (hop >= maxRedirects) {
            const detail = `was redirected more than ${maxRedirects} times (last to ${next.origin})`;
            throw fail({ failure: 'redirect', detail, retryable: false });
          }
          url = next;
          continue;
        }
      } catch (error) {
        if (VaultRequestError.is(error)) throw error;
        throw classifyFetchError(error, call, timeout, this.config.requestTimeoutMs, fail);
      }
      return interpret(response, call, fail);
    }
  }

  /** One exchange: fetch, or node:https with the TLS agent when custom TLS is set for an https URL. */
  async #exchange(url: URL, init: WireRequest): Promise<WireResponse> {
    const tls = this.config.tls;
    if (tls !== undefined && url.protocol === 'https:') {
      this.#agent ??= createTlsAgent(tls.settings, tls.cwd);
      let agent: Agent;
      try {
        agent = await this.#agent;
      } catch (error) {
        // A missing CA file is not a network problem: say so once, and let a fixed file be read next time.
        this.#agent = undefined;
        throw new VaultRequestError(
          {
            method: init.method,
            path: url.pathname.replace(/^\/v1\//, ''),
            failure: 'tls',
            detail: `could not set up TLS: ${(error as Error).message}`,
            retryable: false,
          },
          { cause: error },
        );
      }
      return httpsExchange(url, init, agent);
    }
    const response = await fetch(url, {
      method: init.method,
      headers: init.headers,
      redirect: 'manual',
      signal: init.signal,
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    if (isRedirect(response.status) && response.headers.get('location') !== null) {
      await response.body?.cancel();
      return {
        status: response.status,
        header: (name) => response.headers.get(name),
        bytes: new Uint8Array(),
      };
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, header: (name) => response.headers.get(name), bytes };
  }

  /** Close kept-alive TLS connections. */
  close(): void {
    void this.#agent?.then((agent) => agent.destroy()).catch(() => undefined);
    this.#agent = undefined;
  }
}

function interpret(
  response: WireResponse,
  call: VaultCall,
  fail: (fields: Failure) => VaultRequestError,
): VaultReply {
  const status = response.status;
  let text: string;
  try {
    // Strict: a body that is not UTF-8 is not Vault's JSON, and a lenient decode would slip U+FFFD into values.
    text = strictUtf8.decode(response.bytes);
  } catch {
    const detail = `answered ${status} with a body that is not valid UTF-8 (${response.bytes.length} bytes)`;
    throw fail({ failure: 'protocol', status, detail, retryable: false });
  }
  if (status >= 200 && status < 300) call.inspect?.(text);
  let body: unknown;
  let parsed = true;
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      parsed = false;
    }
  }
  if (status >= 200 && status < 300) {
    if (parsed) return { status, body };
    // The parser's message quotes the body, which may hold secret values: name only its size and type.
    const type = response.header('content-type') ?? 'no content type';
    const detail = `answered ${status} with a body that is not valid JSON (${text.length} bytes, ${type})`;
    throw fail({ failure: 'protocol', status, detail, retryable: false });
  }
  const errors = parsed ? vaultErrorTexts(body, call.token === undefined ? [] : [call.token]) : [];
  const said = errors.length > 0 ? `: ${errors.join('; ')}` : parsed ? '' : ' (body not JSON)';
  // 412: an Enterprise performance standby has not yet caught up with a write this client saw (Vault's own
  // client retries it); 429 and 5xx are the usual transient answers.
  const retryable = status === 412 || status === 429 || status >= 500;
  const retryAfter = retryable ? retryAfterMs(response.header('retry-after'), Date.now()) : undefined;
  throw fail({
    failure: 'status',
    status,
    errors,
    detail: `answered ${status}${said}`,
    retryable,
    ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
    ...deletedOf(status, body),
  });
}

function classifyFetchError(
  error: unknown,
  call: VaultCall,
  timeout: AbortSignal,
  timeoutMs: number,
  fail: (fields: Failure, cause?: unknown) => VaultRequestError,
): VaultRequestError {
  if (call.signal.aborted) {
    const detail = 'was abandoned (the configuration closed or the load was cancelled)';
    return fail({ failure: 'aborted', detail, retryable: false }, error);
  }
  if (timeout.aborted) {
    const detail = `got no answer within ${timeoutMs} ms (requestTimeoutMs)`;
    return fail({ failure: 'timeout', detail, retryable: true }, error);
  }
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? `${cause.code} ` : '';
  const message = typeof cause?.message === 'string' ? cause.message : String(error);
  // A certificate that does not verify will not verify on the next attempt either.
  if (isCertificateError(typeof cause?.code === 'string' ? cause.code : '')) {
    return fail(
      { failure: 'tls', detail: `failed TLS verification: ${code}${message}`, retryable: false },
      error,
    );
  }
  return fail({ failure: 'network', detail: `failed: ${code}${message}`, retryable: true }, error);
}

function isCertificateError(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|^ERR_SSL|^ERR_TLS/.test(code);
}

function deletedOf(status: number, body: unknown): { deleted?: VaultDeletedVersion } {
  if (status !== 404) return {};
  const data = (body as { data?: { data?: unknown; metadata?: Record<string, unknown> } } | undefined)?.data;
  const metadata = data?.metadata;
  if (!data || data.data !== null || !metadata || typeof metadata.version !== 'number') return {};
  const deletionTime = typeof metadata.deletion_time === 'string' ? metadata.deletion_time : '';
  return { deleted: { version: metadata.version, deletionTime, destroyed: metadata.destroyed === true } };
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 307 || status === 308;
}
