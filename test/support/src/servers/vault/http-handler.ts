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
  // Vault takes the token from X-Vault-Token, or else from `Authorization: Bearer <token>`.
  const bearer = /^Bearer\s+(.+)$/i.exec(header(req, 'authorization') ?? '')?.[1];
  const token = header(req, 'x-vault-token') ?? bearer;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name] = name === 'x-vault-token' || name === 'authorization' ? '[redacted]' : String(value);
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
      ? {
          ...errorAnswer(fault.status, ...(fault.errors ?? [defaultError(fault.status)])),
          ...(fault.headers ? { headers: fault.headers } : {}),
        }
      : answerFor(deps, method, url, token, text, header(req, 'x-vault-namespace'));
  entry.status = answer.status;
  send(
    res,
    method === 'HEAD' ? { ...answer, body: undefined } : answer,
    answer.status === 307 ? `${deps.activeUrl()}${req.url ?? ''}` : undefined,
  );
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
  if (apiPath === 'sys/health') return healthAnswer(deps.state, url.searchParams, sealed, standby);
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

/**
 * `sys/health` as Vault answers it: the status chosen by the node's state and the query parameters
 * (`standbyok`, `activecode`, `standbycode`, `sealedcode`, …), the body as documented.
 */
function healthAnswer(
  state: HttpHandlerDeps['state'],
  query: URLSearchParams,
  sealed: boolean,
  standby: boolean,
): VaultAnswer {
  const code = (name: string, fallback: number): number => {
    const value = query.get(name);
    return value !== null && /^\d{3}$/.test(value) ? Number(value) : fallback;
  };
  const yes = (name: string): boolean => query.has(name) && query.get(name) !== 'false';
  let status: number;
  if (sealed) status = code('sealedcode', 503);
  else if (standby && !yes('standbyok')) status = code('standbycode', 429);
  else status = code('activecode', 200);
  const now = state.now();
  return {
    status,
    body: {
      initialized: true,
      sealed,
      standby,
      performance_standby: false,
      replication_performance_mode: 'disabled',
      replication_dr_mode: 'disabled',
      server_time_utc: Math.floor(now / 1000),
      version: state.version,
      cluster_name: 'vault-cluster-strata-test',
      cluster_id: '5f0e1c1a-7c1d-4c6e-9d3b-2a4f6b8c0e11',
    },
  };
}

function send(res: ServerResponse, answer: VaultAnswer, location?: string): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = { ...answer.headers };
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
