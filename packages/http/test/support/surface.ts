import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Config, loadConfig } from '@strata/core';
import { type TestSource, testSource } from '@strata-internal/test-support';
import {
  createStrataHandler,
  type StrataHandler,
  type StrataHttpOptions,
  toNodeListener,
} from '../../src/index.js';
import { SECRET, sections } from './sections.js';

/** A reader's and an operator's token, as a client sends them. */
export const READER_TOKEN = 'reader-token-0123456789abcdef';
export const OPERATOR_TOKEN = 'operator-token-0123456789abcdef';

/** A running surface: the configuration, its source, the handler and a real server on 127.0.0.1. */
export interface Surface {
  readonly config: Config;
  readonly source: TestSource;
  readonly handler: StrataHandler;
  /** `http://127.0.0.1:<port>/strata` */
  readonly base: string;
  /** A request through the handler as if from `remoteAddress` (default: off loopback). */
  call(path: string, init?: RequestInit & { from?: string; token?: string }): Promise<Response>;
  close(): Promise<void>;
}

/** Loads a configuration from a test source and serves its surface on a free loopback port. */
export async function startSurface(options: StrataHttpOptions = {}): Promise<Surface> {
  const source = testSource({ database: { password: SECRET }, server: { port: 8080 } }, 'test');
  const config = await loadConfig({ sections, sources: [source] }, { environment: 'test', env: {} });
  const handler = createStrataHandler(config, {
    tokens: [
      { name: 'ops-reader', role: 'reader', token: READER_TOKEN },
      { name: 'ops-alice', role: 'operator', token: OPERATOR_TOKEN },
    ],
    ...options,
  });
  const server: Server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const prefix = handler.prefix;
  return {
    config,
    source,
    handler,
    base: `http://127.0.0.1:${port}${prefix}`,
    call(path, init = {}) {
      const { from = '10.1.2.3', token, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      if (typeof rest.body === 'string' && !headers.has('content-type'))
        headers.set('content-type', 'application/json');
      return handler.fetch(new Request(`http://surface.test${prefix}${path}`, { ...rest, headers }), {
        remoteAddress: from,
      });
    },
    async close() {
      handler.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await config.close();
    },
  };
}

/** The error body every refusal answers with. */
export async function errorOf(response: Response): Promise<{
  status: number;
  code: string;
  message: string;
  problems?: { path: string; constraint: string }[];
}> {
  return ((await response.json()) as { error: Awaited<ReturnType<typeof errorOf>> }).error;
}
