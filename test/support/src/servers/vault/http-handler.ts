import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeFault, type FaultList } from './faults.js';
import { trimSlashes } from './kv-store.js';
import type { RequestLog } from './request-log.js';
import { routeRequest } from './route-request.js';
import { errorAnswer, type VaultAnswer, type VaultRequest, type VaultState } from './vault-answer.js';

/** What the HTTP handler reads from its server. */
export interface HttpHandlerDeps {
  readonly state: VaultState;
  readonly log: RequestLog;
  readonly faults: FaultList;
  sealed(): boolean;
  /** The active node's URL while acting as a standby. */
  activeUrl(): string | undefined;
  stopped(): boolean;
  /** Wait (released early when the server stops). */
  delay(ms: number): Promise<void>;
}

/** The `node:http` request listener: log, apply faults, answer as a sealed, standby or active Vault. */
export function createHttpHandler(
  deps: HttpHandlerDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      dispatch(deps, req, res, Buffer.concat(chunks).toString('utf8')).catch((error: unknown) => {
        if (!res.headersSent && !res.destroyed) send(res, errorAnswer(500, String(error)));
      });
    });
  };
}

async function dispatch(
  deps: HttpHandlerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  text: string,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://vault.invalid');
  const method = (req.method ?? 'GET').toUpperCase();
  const token = header(req, 'x-vault-token');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = name === 'x-vault-token' ? '[redacted]' : String(value);
  }
  const entry = deps.log.add({
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    hasToken: token !== undefined,
    namespace: header(req, 'x-vault-namespace'),
    time: deps.state.now(),
  });
  const fault = deps.faults.take(method, url.pathname);
  if (fault) entry.fault = describeFault(fault);
  if (fault?.kind === 'reset') {
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'delay') await deps.delay(fault.ms);
  if (deps.stopped() || res.destroyed) return;
  if (fault?.kind === 'malformed') {
    entry.status = 200;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"request_id":"5f1c","data":{"data":{"pass');
    return;
  }
  const answer =
    fault?.kind === 'status'
      ? errorAnswer(fault.status, ...(fault.errors ?? [defaultError(fault.status)]))
      : answerFor(deps, method, url, token, text, header(req, 'x-vault-namespace'));
  entry.status = answer.status;
  send(res, answer, answer.status === 307 ? `${deps.activeUrl()}${req.url ?? ''}` : undefined);
}

function answerFor(
  deps: HttpHandlerDeps,
  method: string,
  url: URL,
  token: string | undefined,
  text: string,
  namespace: string | undefined,
): VaultAnswer {
  if (!url.pathname.startsWith('/v1/')) return errorAnswer(404);
  const apiPath = trimSlashes(url.pathname.slice(4)).split('/').map(decodeURIComponent).join('/');
  const sealed = deps.sealed();
  const standby = deps.activeUrl() !== undefined;
  if (apiPath === 'sys/health') {
    return { status: sealed ? 503 : standby ? 429 : 200, body: { initialized: true, sealed, standby } };
  }
  if (apiPath === 'sys/seal-status') return { status: 200, body: { sealed, type: 'shamir' } };
  if (standby) return { status: 307 };
  if (sealed) return errorAnswer(503, 'Vault is sealed');
  let body: unknown;
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      return errorAnswer(400, 'failed to parse JSON input');
    }
  }
  const request: VaultRequest = {
    method,
    apiPath,
    namespace,
    query: Object.fromEntries(url.searchParams),
    token,
    body,
  };
  return routeRequest(deps.state, request);
}

function send(res: ServerResponse, answer: VaultAnswer, location?: string): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = {};
  if (location !== undefined) headers.location = location;
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers);
    res.end();
    return;
  }
  headers['content-type'] = 'application/json';
  res.writeHead(answer.status, headers);
  res.end(JSON.stringify(answer.body));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function defaultError(status: number): string {
  if (status === 429) return 'request path "": rate limit quota exceeded';
  if (status === 503) return 'Vault is sealed';
  return 'internal error';
}
