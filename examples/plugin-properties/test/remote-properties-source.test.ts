import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IsInt, Min } from 'class-validator';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConfigEvents, Section, loadConfig } from '@strata/core';
import { remotePropertiesSource } from '@strata-examples/plugin-properties';

@Section('database')
class DatabaseConfig {
  @IsInt() @Min(1) poolSize = 10;
}

/** A real HTTP server whose answer the test sets. */
async function propertiesServer(body: string) {
  const state = { body, status: 200, failed: 0 };
  const server: Server = createServer((_request, response) => {
    if (state.status !== 200) state.failed += 1;
    response.writeHead(state.status);
    response.end(state.status === 200 ? state.body : 'unavailable');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/app.properties`;
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { state, url };
}

/** Wait for a condition the server's state reaches (polled on the event loop; nothing asserts on timing). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the remote properties source (polling kit)', () => {
  it('polls: a change is reloaded, an outage reported once, the recovery reported', async () => {
    const { state, url } = await propertiesServer('database.pool_size=25\n');
    const config = await loadConfig(
      {
        sections: [DatabaseConfig],
        sources: [
          remotePropertiesSource({ url, pollIntervalMs: 20, backoff: { initialDelayMs: 5, maxDelayMs: 20 } }),
        ],
      },
      { watch: true },
    );
    cleanups.push(() => config.close());
    const next = <K extends keyof ConfigEvents>(type: K) =>
      new Promise<ConfigEvents[K]>((resolve) => config.once(type, resolve));
    expect(config.get(DatabaseConfig).poolSize).toBe(25);

    const changed = next('changed');
    state.body = 'database.pool_size=30\n';
    expect((await changed).diff).toMatchObject([{ path: 'database.poolSize', before: 25, after: 30 }]);

    const failures: ConfigEvents['sourceFailed'][] = [];
    config.on('sourceFailed', (event) => failures.push(event));
    const failed = next('sourceFailed');
    state.status = 503;
    await failed;
    await until(() => state.failed >= 3);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ source: `properties:${url}`, willRetry: true });

    const recovered = next('sourceRecovered');
    const changedAgain = next('changed');
    state.body = 'database.pool_size=40\n';
    state.status = 200;
    await recovered;
    await changedAgain;
    expect(config.get(DatabaseConfig).poolSize).toBe(40);
  });
});
