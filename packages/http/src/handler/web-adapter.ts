import type { SurfaceAnswer } from '../respond/surface-answer.js';
import type { SurfaceRequest } from '../routing/surface-request.js';

/** A Fetch API `Request` as the handling core reads it. */
export function webRequest(request: Request): SurfaceRequest {
  return {
    method: request.method,
    url: new URL(request.url),
    header: (name) => request.headers.get(name) ?? undefined,
    readBody: (maxBytes) => readLimited(request, maxBytes),
  };
}

/**
 * The core's answer as a Fetch API `Response`. An event feed becomes a stream that stops when the reader
 * cancels it or the request's `signal` aborts (the client went away).
 */
export function webAnswer(answer: SurfaceAnswer, signal: AbortSignal): Response {
  const { status, headers, body } = answer;
  if (body === null || typeof body === 'string' || body instanceof Uint8Array) {
    return new Response(body, { status, headers });
  }
  const encoder = new TextEncoder();
  let stop = (): void => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const close = (): void => {
        if (!open) return;
        open = false;
        stop();
        controller.close();
      };
      stop = body.open({
        send(text) {
          if (!open) return;
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            open = false;
            stop();
          }
        },
        end: close,
      });
      if (signal.aborted) close();
      else signal.addEventListener('abort', close, { once: true });
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, { status, headers });
}

async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
