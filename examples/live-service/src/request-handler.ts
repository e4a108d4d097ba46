import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Config, STRATA_CONFIG } from '@strata/core';
import { injectLive, type Live } from '@strata/events';
import { inject, injectable } from 'inversify';
import { RateLimiter } from './rate-limiter.js';
import { GreetingConfig } from './sections.js';

/** The body of `GET /`. */
export interface GreetingResponse {
  readonly greeting: string;
  readonly requestsPerMinute: number;
  /** The configuration generation the answer was read from. */
  readonly generation: number;
}

/**
 * The service's only route, `GET /`. A singleton: it is built once, so it holds live handles rather than
 * section instances and reads `.current` on every request — an edit applies to the next request.
 *
 * Everything a request reads comes from one snapshot: the handler is synchronous, and a reload swaps the
 * snapshot only between turns of the event loop.
 */
@injectable()
export class RequestHandler {
  constructor(
    @injectLive(GreetingConfig) private readonly greeting: Live<GreetingConfig>,
    @inject(RateLimiter) private readonly limiter: RateLimiter,
    @inject(STRATA_CONFIG) private readonly config: Config,
  ) {}

  /** Answer one HTTP request. */
  handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/') {
      send(response, 404, { error: `no route ${url.pathname}` });
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      send(response, 405, { error: `method ${request.method} not allowed` });
      return;
    }

    const decision = this.limiter.take(request.socket.remoteAddress ?? 'unknown');
    response.setHeader('RateLimit-Limit', String(decision.limit));
    response.setHeader('RateLimit-Remaining', String(decision.remaining));
    if (!decision.allowed) {
      response.setHeader('Retry-After', String(decision.retryAfterSeconds));
      send(response, 429, {
        error: 'rate limit exceeded',
        requestsPerMinute: decision.limit,
        retryAfterSeconds: decision.retryAfterSeconds,
      });
      return;
    }

    const body: GreetingResponse = {
      greeting: this.greeting.current.text,
      requestsPerMinute: decision.limit,
      generation: this.config.generation,
    };
    send(response, 200, body);
  }
}

function send(response: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(response.req.method === 'HEAD' ? undefined : text);
}
