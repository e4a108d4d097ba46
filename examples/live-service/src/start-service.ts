import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Config, loadConfig, strataModule } from '@strata/core';
import { createEventBridge, liveModule } from '@strata/events';
import { createStrataHandler, toNodeListener } from '@strata/http';
import { Container } from 'inversify';
import definition from './definition.js';
import { logConfigEvents } from './log-config-events.js';
import { RateLimiter } from './rate-limiter.js';
import { RequestHandler } from './request-handler.js';
import { ServerConfig } from './sections.js';

/** Options of {@link startService}. */
export interface LiveServiceOptions {
  /**
   * The directory holding `config/`.
   * @default this example's directory
   */
  readonly cwd?: string;
  /**
   * The port to listen on, overriding `server.port` (0: any free port).
   * @default `server.port` from the configuration
   */
  readonly port?: number;
  /**
   * The interface to listen on.
   * @default '127.0.0.1'
   */
  readonly host?: string;
  /**
   * The configuration environment (which `<env>.yaml` profile is read).
   * @default `STRATA_ENV`, else `NODE_ENV`, else `'development'`
   */
  readonly environment?: string;
  /**
   * Where the service's log lines go.
   * @default console.log
   */
  readonly log?: (line: string) => void;
  /**
   * The operations surface's tokens (`@strata/http`, under `/strata`): a reader and an operator. Without
   * them the surface still answers reads from loopback, and nobody can write.
   * @default `LIVE_SERVICE_READER_TOKEN` and `LIVE_SERVICE_OPERATOR_TOKEN` when set
   */
  readonly tokens?: { readonly reader?: string; readonly operator?: string };
}

/** A running service. */
export interface LiveService {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly config: Config;
  /** Stop accepting requests, close open connections, stop watching the configuration. Idempotent. */
  close(): Promise<void>;
}

/** This example's directory (`src/..` or `dist/..`). */
export const exampleDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * Load the configuration with watching on, wire the container (sections, live handles, the singletons) and
 * start the HTTP server. Throws the configuration's error when it is invalid at start-up.
 */
export async function startService(options: LiveServiceOptions = {}): Promise<LiveService> {
  const log = options.log ?? ((line: string) => console.log(line));
  const config = await loadConfig(definition, {
    cwd: options.cwd ?? exampleDir,
    watch: true,
    ...(options.environment === undefined ? {} : { environment: options.environment }),
  });

  const bridge = createEventBridge(config, {
    onListenerError: (error, context) =>
      log(`listener ${context.listener} failed on ${context.event}: ${error}`),
  });
  logConfigEvents(bridge, log);

  const container = new Container();
  container.load(strataModule(config), liveModule(config));
  container.bind(RateLimiter).toSelf().inSingletonScope();
  container.bind(RequestHandler).toSelf().inSingletonScope();
  const handler = container.get(RequestHandler);

  // The operations surface under /strata, beside the service's own routes, with two tokens.
  const readerToken = options.tokens?.reader ?? process.env.LIVE_SERVICE_READER_TOKEN;
  const operatorToken = options.tokens?.operator ?? process.env.LIVE_SERVICE_OPERATOR_TOKEN;
  const strata = createStrataHandler(config, {
    tokens: [
      ...(readerToken ? [{ name: 'dashboard', role: 'reader' as const, token: readerToken }] : []),
      ...(operatorToken ? [{ name: 'on-call', role: 'operator' as const, token: operatorToken }] : []),
    ],
  });
  const operations = toNodeListener(strata);
  const server = createServer((request, response) =>
    operations(request, response, () => handler.handle(request, response)),
  );
  // `server.port` is @Reloadable(false): read once here; a later edit only raises `restartRequired`.
  const port = options.port ?? config.get(ServerConfig).port;
  const host = options.host ?? '127.0.0.1';
  try {
    server.listen(port, host);
    await once(server, 'listening');
  } catch (error) {
    bridge.dispose();
    await config.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  log(`configuration: environment "${config.environment}", generation ${config.generation}`);

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    port: address.port,
    config,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        strata.close();
        bridge.dispose();
        await config.close();
      })();
      return closing;
    },
  };
}
