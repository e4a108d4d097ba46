import { StrataError } from '@strata/core';
import { afterEach, expect, test } from 'vitest';
import { type StrataHandler, toNodeListener } from '../src/index.js';
import { OPERATOR_TOKEN, READER_TOKEN, type Surface, startSurface } from './support/surface.js';

// `fetch` (the Web adapter) and `toNodeListener` (the node:http adapter) share one handling core: the same
// request sequence, sent to two identical surfaces, one through each, gets the same answers.

/** Framing the server adds on the wire, which a `Response` built in memory does not carry. */
const FRAMING = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/** Two surfaces on one fixed clock (rate limits and ages alike), loopback reads off so auth rules apply. */
async function pair(): Promise<[Surface, Surface]> {
  const options = {
    loopbackReads: false,
    writeRate: { burst: 12, perSecond: 0.001 },
    now: () => 1_800_000_000_000,
  };
  return [await startSurface(options), await startSurface(options)];
}

interface Call {
  readonly method?: string;
  readonly path: string;
  readonly token?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

interface Seen {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

function headersOf(headers: Headers): Record<string, string> {
  const seen: Record<string, string> = {};
  for (const [name, value] of headers) if (!FRAMING.has(name)) seen[name] = value;
  return seen;
}

/** The answer with what may differ between two surfaces loaded a few ms apart (timestamps) made equal. */
function normalized(text: string): string {
  return text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, '<time>');
}

function init(call: Call): RequestInit {
  const headers: Record<string, string> = { ...call.headers };
  if (call.token) headers['authorization'] = `Bearer ${call.token}`;
  if (call.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  return { method: call.method ?? 'GET', headers, ...(call.body === undefined ? {} : { body: call.body }) };
}

/** Through the Web adapter: `handler.fetch`, from a loopback peer as the real socket is. */
async function viaFetch(surface: Surface, call: Call): Promise<Seen> {
  const response = await surface.handler.fetch(
    new Request(`http://127.0.0.1${surface.handler.prefix}${call.path}`, init(call)),
    { remoteAddress: '127.0.0.1' },
  );
  return { status: response.status, headers: headersOf(response.headers), body: await response.text() };
}

/** Through the node:http adapter, over a real socket. */
async function viaNode(surface: Surface, call: Call): Promise<Seen> {
  const response = await fetch(`${surface.base}${call.path}`, init(call));
  return { status: response.status, headers: headersOf(response.headers), body: await response.text() };
}

const operator = (call: Call): Call => ({ token: OPERATOR_TOKEN, ...call });
const reader = (call: Call): Call => ({ token: READER_TOKEN, ...call });

/** Every endpoint, and every refusal the core makes, in an order where writes change what later reads see. */
const SEQUENCE: readonly Call[] = [
  reader({ path: '/' }),
  reader({ path: '/health/live' }),
  reader({ path: '/health/ready' }),
  reader({ path: '/config' }),
  reader({ method: 'HEAD', path: '/config' }),
  reader({ path: '/config/server.port' }),
  reader({ path: '/config/database.password' }),
  reader({ path: '/config/nope.nothing' }),
  reader({ path: '/config/%E0%A4%A' }),
  reader({ path: '/overrides' }),
  reader({ path: '/schema' }),
  reader({ path: '/diff' }),
  reader({ path: '/diff?from=x' }),
  reader({ path: '/environments' }),
  reader({ path: '/ui' }),
  reader({ path: '/ui/app.js' }),
  reader({ path: '/ui/style.css' }),
  reader({ path: '/ui/nope.js' }),
  reader({ path: '/nothing/here' }),
  reader({ method: 'DELETE', path: '/config' }),
  // Authentication and roles.
  { path: '/config' },
  { path: '/config', token: 'not-a-token-of-this-surface' },
  { path: '/config', headers: { authorization: 'Basic dXNlcjpwYXNz' } },
  { method: 'POST', path: '/reload' },
  reader({ method: 'POST', path: '/reload' }),
  // Bodies: validation, limits, refusals.
  operator({ method: 'POST', path: '/validate', body: '{"values":{"server.port":9090}}' }),
  operator({ method: 'POST', path: '/validate', body: '{"values":{"server":{"port":70000}}}' }),
  operator({ method: 'POST', path: '/validate', body: '{"values": {"database.password": "x" oops}}' }),
  operator({
    method: 'POST',
    path: '/validate',
    body: '{"values":{}}',
    headers: { 'content-type': 'text/plain' },
  }),
  operator({
    method: 'POST',
    path: '/validate',
    body: JSON.stringify({ values: { x: 'y'.repeat(70_000) } }),
  }),
  operator({ method: 'POST', path: '/validate', body: '{"values":{},"extra":1}' }),
  operator({ method: 'POST', path: '/validate', body: '{"values":{"__proto__":{"a":1}}}' }),
  operator({ method: 'POST', path: '/validate', body: '[1]' }),
  // Writes through the reload transaction, then what they left behind.
  operator({ method: 'PUT', path: '/overrides/server.port', body: '{"value":7000,"reason":"test"}' }),
  operator({ method: 'PUT', path: '/overrides/server.port', body: '{"value":-1}' }),
  reader({ path: '/overrides' }),
  reader({ path: '/config' }),
  operator({ method: 'DELETE', path: '/overrides/server.port' }),
  operator({ method: 'POST', path: '/rollback', body: '{"generation":2}' }),
  operator({ method: 'POST', path: '/rollback', body: '{"generation":99}' }),
  operator({ method: 'POST', path: '/reload' }),
  reader({ path: '/history' }),
  reader({ path: '/diff?from=1&to=2' }),
  // The write budget (12 at once, refilled once in ~17 min on the fixed clock) runs out: 429 with Retry-After.
  operator({ method: 'POST', path: '/reload' }),
  operator({ method: 'POST', path: '/reload' }),
  operator({ method: 'POST', path: '/reload' }),
  operator({ method: 'POST', path: '/reload' }),
  operator({ method: 'POST', path: '/reload' }),
];

let surfaces: Surface[] = [];
afterEach(async () => {
  for (const surface of surfaces) await surface.close();
  surfaces = [];
});

test('fetch and toNodeListener answer every endpoint and refusal with the same status, headers and body', async () => {
  const [web, node] = await pair();
  surfaces = [web, node];
  const statuses = new Set<number>();
  for (const call of SEQUENCE) {
    const viaWeb = await viaFetch(web, call);
    const viaSocket = await viaNode(node, call);
    const label = `${call.method ?? 'GET'} ${call.path}`;
    expect({ label, ...viaSocket, body: normalized(viaSocket.body) }).toEqual({
      label,
      ...viaWeb,
      body: normalized(viaWeb.body),
    });
    statuses.add(viaWeb.status);
  }
  // The sequence reached every kind of answer it is meant to compare.
  expect([...statuses].sort()).toEqual([200, 400, 401, 403, 404, 405, 413, 415, 422, 429]);
});

test('both adapters serve the same metric families', async () => {
  const [web, node] = await pair();
  surfaces = [web, node];
  const families = (text: string): string[] => text.split('\n').filter((line) => line.startsWith('# TYPE'));
  const viaWeb = await viaFetch(web, reader({ path: '/metrics' }));
  const viaSocket = await viaNode(node, reader({ path: '/metrics' }));
  expect(viaSocket.status).toBe(200);
  expect(viaSocket.headers).toEqual(viaWeb.headers);
  expect(families(viaSocket.body)).toEqual(families(viaWeb.body));
  expect(families(viaWeb.body).length).toBeGreaterThan(5);
});

test('both adapters stream the same events', async () => {
  const [web, node] = await pair();
  surfaces = [web, node];
  const readers = [
    await web.handler.fetch(
      new Request(`http://127.0.0.1/strata/events`, init(reader({ path: '/events' }))),
      { remoteAddress: '127.0.0.1' },
    ),
    await fetch(`${node.base}/events`, init(reader({ path: '/events' }))),
  ].map((response) => ({ response, reader: response.body!.getReader(), text: '' }));
  expect(headersOf(readers[1]!.response.headers)).toEqual(headersOf(readers[0]!.response.headers));
  expect(readers[0]!.response.headers.get('content-type')).toMatch(/^text\/event-stream/);

  const decoder = new TextDecoder();
  const readUntil = async (stream: (typeof readers)[number], needle: string): Promise<void> => {
    while (!stream.text.includes(needle)) {
      const { value, done } = await stream.reader.read();
      if (done) throw new Error(`stream ended before ${needle}`);
      stream.text += decoder.decode(value, { stream: true });
    }
  };
  for (const [index, surface] of [web, node].entries()) {
    const stream = readers[index]!;
    await readUntil(stream, 'event: hello');
    surface.source.set('server.port', 9100);
    await surface.config.reload();
    await readUntil(stream, 'event: changed');
    await surface.config.overrides.set('server.port', -1).catch(() => undefined);
    await readUntil(stream, 'event: rejected');
  }
  expect(normalized(readers[1]!.text)).toBe(normalized(readers[0]!.text));

  await readers[1]!.reader.cancel();
  await readers[0]!.reader.cancel();
});

test('toNodeListener refuses a handler createStrataHandler did not make: it has no core to answer from', async () => {
  const [surface] = [await startSurface()];
  surfaces = [surface];
  const wrapper: StrataHandler = { ...surface.handler, fetch: (request) => surface.handler.fetch(request) };
  let refused: unknown;
  try {
    toNodeListener(wrapper);
  } catch (error) {
    refused = error;
  }
  expect(StrataError.is(refused) && refused.code).toBe('DEFINITION_INVALID');
});
