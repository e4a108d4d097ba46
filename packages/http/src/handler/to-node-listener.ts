import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { StrataHandler } from './strata-handler.js';

/** A `node:http` request listener, optionally passing what it does not handle on (Express / Connect style). */
export type NodeListener = (
  request: IncomingMessage,
  response: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

/**
 * The handler as a `node:http` listener: `http.createServer(toNodeListener(strata))`, or
 * `app.use(toNodeListener(strata))` in Express, where paths outside the prefix go to `next()`. The peer's
 * address comes from the socket (never from `X-Forwarded-For`, which any client can write), and the request's
 * signal aborts when the client goes away, which ends an event stream.
 */
export function toNodeListener(handler: StrataHandler): NodeListener {
  return (request, response, next) => {
    const host = request.headers.host ?? 'localhost';
    const url = new URL(request.url ?? '/', `http://${host}`);
    if (next && !handler.handles(url.pathname)) {
      next();
      return;
    }
    const abort = new AbortController();
    response.on('close', () => abort.abort());
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
    }
    const method = request.method ?? 'GET';
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const webRequest = new Request(url, {
      method,
      headers,
      signal: abort.signal,
      ...(hasBody ? { body: Readable.toWeb(request) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
    } as RequestInit);
    handler
      .fetch(webRequest, { remoteAddress: request.socket.remoteAddress })
      .then(async (answer) => {
        response.statusCode = answer.status;
        for (const [name, value] of answer.headers) response.setHeader(name, value);
        if (!answer.body) {
          response.end();
          return;
        }
        response.flushHeaders();
        const reader = answer.body.getReader();
        abort.signal.addEventListener('abort', () => void reader.cancel().catch(() => {}), { once: true });
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          response.write(value);
        }
        response.end();
      })
      .catch((error: unknown) => {
        if (!response.headersSent) {
          response.statusCode = 500;
          response.end();
        } else response.destroy(error instanceof Error ? error : undefined);
      });
  };
}
