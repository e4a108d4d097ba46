import type { IncomingMessage, ServerResponse } from 'node:http';
import { StrataError } from '@strata/core';
import type { SurfaceAnswer } from '../respond/surface-answer.js';
import type { SurfaceRequest } from '../routing/surface-request.js';
import { handlerCores } from './answer-request.js';
import type { StrataHandler } from './strata-handler.js';

/** A `node:http` request listener, optionally passing what it does not handle on (Express / Connect style). */
export type NodeListener = (
  request: IncomingMessage,
  response: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

/**
 * The handler as a `node:http` listener: `http.createServer(toNodeListener(strata))`, or
 * `app.use(toNodeListener(strata))` in Express, where paths outside the prefix go to `next()`. It answers
 * from the `IncomingMessage` and `ServerResponse` directly, through the same routing, checks and endpoints
 * as `fetch` (no `Request`, `Headers` or stream objects per request), with the same status, headers and
 * bodies. The peer's address comes from the socket (never from `X-Forwarded-For`, which any client can
 * write), and an event stream ends when the client goes away.
 *
 * Takes a handler made by `createStrataHandler` (a wrapper of one has no core to reach; mount its `fetch`
 * through your framework's Fetch adapter instead).
 */
export function toNodeListener(handler: StrataHandler): NodeListener {
  const answer = handlerCores.get(handler);
  if (!answer) {
    throw new StrataError(
      'DEFINITION_INVALID',
      'toNodeListener takes a handler made by createStrataHandler; mount any other through its fetch',
    );
  }
  return (request, response, next) => {
    const surfaceRequest = nodeRequest(request, response);
    if (next && !handler.handles(surfaceRequest.url.pathname)) {
      next();
      return;
    }
    answer(surfaceRequest, { remoteAddress: request.socket.remoteAddress })
      .then((answered) => writeAnswer(answered, response))
      .catch((error: unknown) => {
        // The core answers every refusal itself: this is a fault in writing, before the headers or after.
        if (!response.headersSent) {
          response.statusCode = 500;
          response.end();
        } else response.destroy(error instanceof Error ? error : undefined);
      });
  };
}

/** An `IncomingMessage` as the handling core reads it. */
function nodeRequest(request: IncomingMessage, response: ServerResponse): SurfaceRequest {
  return {
    method: request.method ?? 'GET',
    // Parsed against a fixed base, as the `Request` URL is: only the path and query are used.
    url: new URL(request.url ?? '/', 'http://localhost'),
    header(name) {
      const value = request.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
    readBody(maxBytes) {
      return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = (): void => {
          request.off('data', onData);
          request.off('end', onEnd);
          request.off('error', onError);
        };
        const onData = (chunk: Buffer): void => {
          size += chunk.byteLength;
          if (size <= maxBytes) {
            chunks.push(chunk);
            return;
          }
          done();
          // The rest is read and dropped, and the connection closes after the answer rather than serving
          // another request behind an unbounded body.
          response.shouldKeepAlive = false;
          request.resume();
          resolve(null);
        };
        const onEnd = (): void => {
          done();
          resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
        };
        const onError = (error: Error): void => {
          done();
          reject(error);
        };
        request.on('data', onData);
        request.on('end', onEnd);
        request.on('error', onError);
      });
    },
  };
}

/** The core's answer written to the `ServerResponse`: one `writeHead` and `end` for text and bytes. */
function writeAnswer(answer: SurfaceAnswer, response: ServerResponse): void {
  const { status, headers, body } = answer;
  if (body === null) {
    response.writeHead(status, headers);
    response.end();
    return;
  }
  if (typeof body === 'string' || body instanceof Uint8Array) {
    // writeHead fixes the header block, so the length goes in it (else the body would be sent chunked).
    response.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
    response.end(body);
    return;
  }
  response.writeHead(status, headers);
  response.flushHeaders();
  const stop = body.open({
    send: (text) => void response.write(text),
    end: () => response.end(),
  });
  response.on('close', stop);
}
