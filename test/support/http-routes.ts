import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Config, type InputLimits, StrataError } from '@strata/core';
import { createStrataHandler, type StrataHandler, toNodeListener } from '@strata/http';

/** The operator token the suites' handlers accept. */
const TOKEN = 'suite-operator-token-0123456789';

/**
 * How a request reaches the handler: its Web `fetch`, or `toNodeListener` on a real `node:http` server (which
 * reads and bounds the body itself, from the `IncomingMessage`).
 */
export type HttpAdapter = 'fetch' | 'node';

/** One request body route of `@strata/http`: where it goes and how a payload is wrapped into its body. */
export interface HttpBodyRoute {
  readonly name: string;
  readonly adapter: HttpAdapter;
  readonly method: 'POST' | 'PUT';
  /** The path below the prefix. */
  readonly path: string;
  /** The body for a payload tree. */
  body(payload: unknown): unknown;
}

const bodyRoutes: readonly Omit<HttpBodyRoute, 'adapter'>[] = [
  { name: 'HTTP POST /validate', method: 'POST', path: '/validate', body: (values) => ({ values }) },
  {
    name: 'HTTP PUT /overrides/{path}',
    method: 'PUT',
    path: '/overrides/app.obj',
    body: (value) => ({ value }),
  },
  {
    name: 'HTTP POST /rollback',
    method: 'POST',
    path: '/rollback',
    body: (payload) => ({ generation: 1, ...(payload as object) }),
  },
];

/**
 * Every request body the surface reads (validate, set an override, rollback), through each adapter: the Web
 * handler's rows first, in that order, then the same routes through `node:http`.
 */
export const httpBodyRoutes: readonly HttpBodyRoute[] = [
  ...bodyRoutes.map((route): HttpBodyRoute => ({ ...route, adapter: 'fetch' })),
  ...bodyRoutes.map(
    (route): HttpBodyRoute => ({ ...route, name: `${route.name} (node:http)`, adapter: 'node' }),
  ),
];

/**
 * Sends `body` (an object, sent as JSON, or raw bytes) through a real handler over `config`, as an operator
 * off loopback. A refusal comes back as the `StrataError` its answer names (code and message), so the suites
 * check it as they check every other route; a success resolves.
 */
export async function httpWrite(
  config: Config,
  route: { method: string; path: string; adapter?: HttpAdapter },
  body: unknown,
  options: { limits?: Partial<InputLimits> } = {},
): Promise<{ status: number; text: string }> {
  const handler = createStrataHandler(config, {
    tokens: [{ name: 'suite-operator', role: 'operator', token: TOKEN }],
    ...(options.limits ? { limits: { maxBytes: 10_485_760, ...options.limits } } : {}),
  });
  try {
    const raw = body instanceof Uint8Array || typeof body === 'string';
    const init: RequestInit = {
      method: route.method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: raw ? (body as string | Uint8Array) : JSON.stringify(body),
    };
    const { status, text } =
      route.adapter === 'node'
        ? await overNodeHttp(handler, route.path, init)
        : await handler
            .fetch(new Request(`http://suite.test/strata${route.path}`, init), { remoteAddress: '10.9.8.7' })
            .then(async (response) => ({ status: response.status, text: await response.text() }));
    const response = { status };
    if (response.status >= 400) {
      const { error } = JSON.parse(text) as { error: { code: string; message: string; problems?: unknown } };
      throw Object.assign(new StrataError(error.code as 'CONFIG_INVALID', error.message), {
        status: response.status,
        problems: error.problems,
      });
    }
    const answer = JSON.parse(text) as { valid?: boolean; problems?: { message: string }[] };
    // POST /validate answers 200 with `valid: false`: the problems are the refusal.
    if (answer.valid === false) {
      throw new StrataError('CONFIG_INVALID', (answer.problems ?? []).map((p) => p.message).join('; '));
    }
    return { status: response.status, text };
  } finally {
    handler.close();
  }
}

/** One request to `handler` mounted with `toNodeListener` on a `node:http` server of its own, then closed. */
async function overNodeHttp(
  handler: StrataHandler,
  path: string,
  init: RequestInit,
): Promise<{ status: number; text: string }> {
  const server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/strata${path}`, init);
    return { status: response.status, text: await response.text() };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
