import type { Config } from '@strata/core';
import { resolveInputLimits } from '@strata/core/source';
import type { AuditSink } from '../audit/audit-record.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { isLoopback } from '../auth/is-loopback.js';
import { type Principal, TokenStore } from '../auth/token-store.js';
import { SourceStatusTracker } from '../health/source-status-tracker.js';
import { TokenBucket } from '../limits/token-bucket.js';
import { AccessCounter } from '../metrics/access-counter.js';
import { StrataMetrics } from '../metrics/strata-metrics.js';
import type { StrataHttpOptions } from '../options/strata-http-options.js';
import { HttpProblem, problemAnswer } from '../respond/json-answer.js';
import type { SurfaceAnswer } from '../respond/surface-answer.js';
import { matchRoute } from '../routing/match-route.js';
import type { Method, Route } from '../routing/route.js';
import type { SurfaceRequest } from '../routing/surface-request.js';
import { uiRoutes } from '../ui/ui-routes.js';
import { problemFromError } from '../views/error-view.js';
import { type AnswerRequest, handlerCores } from './answer-request.js';
import { readRoutes } from './read-routes.js';
import type { RequestInfo, StrataHandler } from './strata-handler.js';
import type { SurfaceParts } from './surface-parts.js';
import { webAnswer, webRequest } from './web-adapter.js';
import { writeRoutes } from './write-routes.js';

/** Without a token, a loopback reader has this name in the audit trail (it cannot write, so it never appears). */
const LOOPBACK: Principal = { name: 'loopback', role: 'reader' };

/**
 * The operations surface of a configuration as one Web-standard handler (`Request → Response`): health,
 * metrics, the redacted configuration with origins, explain, history and diffs, JSON Schema, validation,
 * runtime overrides, rollback, reload, Server-Sent Events, other environments and the web inspector, all
 * under `prefix`. Mount it with `toNodeListener` on `node:http`, or call `fetch` from any framework
 * (docs/operations.md).
 *
 * Security: off the loopback interface nothing is served without `Authorization: Bearer <token>`; a
 * `reader` token reads, an `operator` token writes too; writes always need a token, are rate-limited per
 * token and size-limited. Secret values are `[redacted]` in every answer, for every role.
 *
 * @example
 * const strata = createStrataHandler(config, { tokens: [{ name: 'ops', role: 'operator', sha256: process.env.OPS_TOKEN_SHA256 }] });
 * http.createServer(toNodeListener(strata)).listen(9464);
 */
export function createStrataHandler(config: Config, options: StrataHttpOptions = {}): StrataHandler {
  const prefix = normalizePrefix(options.prefix ?? '/strata');
  const now = options.now ?? Date.now;
  const tokens = new TokenStore(options.tokens ?? []);
  const rate = options.writeRate ?? { burst: 10, perSecond: 1 };
  const bucket = new TokenBucket({ capacity: rate.burst, perSecond: rate.perSecond, now });
  const closing = new AbortController();
  const tracker = new SourceStatusTracker(config, options.sourceHealth ?? {}, now);
  const access = new AccessCounter();
  const metrics = new StrataMetrics(config, tracker, access, options.registry);
  const sinks: readonly AuditSink[] =
    options.audit === undefined ? [] : 'write' in options.audit ? [options.audit] : options.audit;
  const audit = new AuditTrail(config, sinks, now);
  const parts: SurfaceParts = {
    config,
    prefix,
    limits: resolveInputLimits({ maxBytes: 65_536, ...options.limits }),
    keepAliveMs: options.keepAliveMs ?? 15_000,
    tracker,
    metrics,
    audit,
    environments: options.environments,
    ui: options.ui ?? true,
    closing: closing.signal,
  };
  const routes: Route[] = [...readRoutes(parts), ...writeRoutes(parts), ...(parts.ui ? uiRoutes() : [])];
  const loopbackReads = options.loopbackReads ?? true;

  const authenticate = (
    request: SurfaceRequest,
    info: RequestInfo,
    route: Route,
    method: Method,
  ): Principal => {
    const header = request.header('authorization');
    const write = method !== 'GET';
    if (header === undefined) {
      if (!write && route.health && options.publicHealth) return LOOPBACK;
      if (!write && loopbackReads && isLoopback(info.remoteAddress)) return LOOPBACK;
      throw new HttpProblem(
        401,
        'UNAUTHORIZED',
        write
          ? 'Writes need an operator token (Authorization: Bearer <token>)'
          : 'A bearer token is needed (Authorization: Bearer <token>)',
        { headers: { 'www-authenticate': 'Bearer realm="strata"' } },
      );
    }
    const match = /^Bearer[ ]+([\x21-\x7e]+)[ ]*$/i.exec(header);
    const principal = match ? tokens.verify(match[1]!) : undefined;
    if (!principal) {
      throw new HttpProblem(401, 'UNAUTHORIZED', 'The bearer token is not valid', {
        headers: { 'www-authenticate': 'Bearer realm="strata", error="invalid_token"' },
      });
    }
    if (write && principal.role !== 'operator') {
      throw new HttpProblem(
        403,
        'FORBIDDEN',
        `Token "${principal.name}" is a reader; writes need an operator token`,
      );
    }
    return principal;
  };

  const dispatch = async (request: SurfaceRequest, info: RequestInfo): Promise<SurfaceAnswer> => {
    const url = request.url;
    if (!handles(url.pathname))
      throw new HttpProblem(404, 'NOT_FOUND', 'No endpoint at this path; GET {prefix}/ lists them');
    const { route, param } = matchRoute(routes, url.pathname.slice(prefix.length));
    const method = (request.method === 'HEAD' ? 'GET' : request.method) as Method;
    const endpoint = route.methods[method];
    if (!endpoint) {
      const allow = Object.keys(route.methods).join(', ');
      throw new HttpProblem(405, 'METHOD_NOT_ALLOWED', `This endpoint answers ${allow}`, {
        headers: { allow },
      });
    }
    const principal = authenticate(request, info, route, method);
    if (method !== 'GET') {
      const wait = bucket.take(principal.name);
      if (wait > 0) {
        throw new HttpProblem(
          429,
          'RATE_LIMITED',
          `Too many writes by "${principal.name}"; retry in ${wait} s`,
          {
            headers: { 'retry-after': String(wait) },
          },
        );
      }
    }
    return endpoint({ request, url, param, principal });
  };

  const handles = (pathname: string): boolean => pathname === prefix || pathname.startsWith(`${prefix}/`);

  const answer: AnswerRequest = async (request, info) => {
    try {
      const answered = await dispatch(request, info);
      return request.method === 'HEAD' ? { ...answered, body: null } : answered;
    } catch (error) {
      return problemAnswer(problemFromError(error));
    }
  };

  const handler: StrataHandler = {
    prefix,
    registry: metrics.registry,
    access,
    handles,
    async fetch(request: Request, info: RequestInfo = {}): Promise<Response> {
      return webAnswer(await answer(webRequest(request), info), request.signal);
    },
    close(): void {
      closing.abort();
      tracker.close();
      metrics.close();
      audit.close();
    },
  };
  handlerCores.set(handler, answer);
  return handler;
}

function normalizePrefix(prefix: string): string {
  const trimmed = `/${prefix}`.replace(/\/+/g, '/').replace(/\/$/, '');
  return trimmed;
}
