import { request } from 'node:https';
import type { Agent } from 'node:https';

/** One HTTP exchange's outcome, whichever transport carried it. */
export interface WireResponse {
  readonly status: number;
  header(name: string): string | null;
  /** The body's bytes; empty for a redirect (not read). Decoded strictly by the caller. */
  readonly bytes: Uint8Array;
}

/** What an exchange sends. */
export interface WireRequest {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  readonly signal: AbortSignal;
}

/**
 * One request over `node:https` with a custom Agent (CA, client certificate, server name). Errors keep
 * Node's `code` (`ECONNREFUSED`, `DEPTH_ZERO_SELF_SIGNED_CERT`, `ERR_TLS_CERT_ALTNAME_INVALID`) on `cause`,
 * where fetch puts it too, so one classifier reads both.
 */
export function httpsExchange(url: URL, init: WireRequest, agent: Agent): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: init.method, headers: init.headers, agent, signal: init.signal },
      (res) => {
        const status = res.statusCode ?? 0;
        const header = (name: string): string | null => {
          const value = res.headers[name.toLowerCase()];
          return value === undefined ? null : Array.isArray(value) ? (value[0] ?? null) : value;
        };
        if (status >= 300 && status < 400) {
          res.resume();
          resolve({ status, header, bytes: new Uint8Array() });
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status, header, bytes: Buffer.concat(chunks) }));
        res.on('error', (error) => reject(new TypeError('fetch failed', { cause: error })));
      },
    );
    req.on('error', (error) => reject(new TypeError('fetch failed', { cause: error })));
    req.end(init.body);
  });
}
