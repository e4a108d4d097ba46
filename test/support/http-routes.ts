import { type Config, type InputLimits, StrataError } from '@strata/core';
import { createStrataHandler } from '@strata/http';

/** The operator token the suites' handlers accept. */
const TOKEN = 'suite-operator-token-0123456789';

/** One request body route of `@strata/http`: where it goes and how a payload is wrapped into its body. */
export interface HttpBodyRoute {
  readonly name: string;
  readonly method: 'POST' | 'PUT';
  /** The path below the prefix. */
  readonly path: string;
  /** The body for a payload tree. */
  body(payload: unknown): unknown;
}

/** Every request body the surface reads: validate, set an override, rollback. */
export const httpBodyRoutes: readonly HttpBodyRoute[] = [
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
 * Sends `body` (an object, sent as JSON, or raw bytes) through a real handler over `config`, as an operator
 * off loopback. A refusal comes back as the `StrataError` its answer names (code and message), so the suites
 * check it as they check every other route; a success resolves.
 */
export async function httpWrite(
  config: Config,
  route: { method: string; path: string },
  body: unknown,
  options: { limits?: Partial<InputLimits> } = {},
): Promise<{ status: number; text: string }> {
  const handler = createStrataHandler(config, {
    tokens: [{ name: 'suite-operator', role: 'operator', token: TOKEN }],
    ...(options.limits ? { limits: { maxBytes: 10_485_760, ...options.limits } } : {}),
  });
  try {
    const raw = body instanceof Uint8Array || typeof body === 'string';
    const response = await handler.fetch(
      new Request(`http://suite.test/strata${route.path}`, {
        method: route.method,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: raw ? (body as string | Uint8Array) : JSON.stringify(body),
      }),
      { remoteAddress: '10.9.8.7' },
    );
    const text = await response.text();
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
