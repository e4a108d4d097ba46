import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Controller, Get, Injectable, type INestApplication, Module, Scope } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Config, type ConfigEvents } from '@strata/core';
import type { Live } from '@strata/events';
import { fileSource } from '@strata/file';
import { afterEach, describe, expect, test } from 'vitest';
import { InjectLive, StrataModule } from '../src/index.js';
import { DatabaseConfig, GreetingConfig, sections } from './support/sections.js';

// A real Nest HTTP application (express adapter, port 0) over a real YAML file in a temporary directory, with
// the file source watching: edits reach the running application without a restart.

/** Request-scoped: built for every request, from the snapshot in effect then. */
@Injectable({ scope: Scope.REQUEST })
class RequestGreeting {
  constructor(readonly greeting: GreetingConfig) {}
}

/** Request-scoped too, since it depends on a request-scoped provider (Nest's scope bubbles up). */
@Controller('request')
class RequestController {
  constructor(
    private readonly request: RequestGreeting,
    private readonly database: DatabaseConfig,
  ) {}

  @Get()
  read(): { text: string; port: number } {
    return { text: this.request.greeting.text, port: this.database.port };
  }
}

/** A singleton: its injected section is the bootstrap one; its Live handle follows. */
@Controller('singleton')
class SingletonController {
  constructor(
    private readonly greeting: GreetingConfig,
    @InjectLive(GreetingConfig) private readonly live: Live<GreetingConfig>,
  ) {}

  @Get()
  read(): { injected: string; live: string } {
    return { injected: this.greeting.text, live: this.live.current.text };
  }
}

const yaml = (text: string, port = 5432) =>
  `database:\n  url: postgres://db/app\n  port: ${port}\ngreeting:\n  text: ${JSON.stringify(text)}\n`;

let dir: string | undefined;
let app: INestApplication | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Start the application over `config/default.yaml` in a fresh temporary directory; returns its URL. */
async function start(): Promise<{ url: string; file: string; config: Config }> {
  dir = await mkdtemp(path.join(tmpdir(), 'strata-nestjs-'));
  const file = path.join(dir, 'config', 'default.yaml');
  await mkdir(path.dirname(file));
  await writeFile(file, yaml('hello'));

  @Module({
    imports: [
      StrataModule.forRoot(
        { sections, sources: [fileSource({ dir: 'config' })] },
        { cwd: dir, env: {}, argv: [], environment: 'test', watch: true },
      ),
    ],
    controllers: [RequestController, SingletonController],
    providers: [RequestGreeting],
  })
  class AppModule {}

  app = await NestFactory.create(AppModule, { abortOnError: false, logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, file, config: app.get(Config) };
}

/** GET a JSON answer on a connection of its own (no keep-alive pool outliving the test). */
async function get(url: string): Promise<unknown> {
  const req = request(url, { agent: false });
  req.end();
  const [response] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
  let body = '';
  for await (const chunk of response) body += String(chunk);
  expect(response.statusCode, body).toBe(200);
  return JSON.parse(body);
}

/** Run `edit` and resolve with the configuration's next `type` event. */
async function after<K extends 'changed' | 'rejected'>(
  config: Config,
  type: K,
  edit: () => Promise<void>,
): Promise<ConfigEvents[K]> {
  const event = new Promise<ConfigEvents[K]>((resolve) => config.once(type, resolve));
  await edit();
  return event;
}

/** Resource kinds this test can leave behind: watchers, timers, servers, sockets. */
function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

describe('a Nest HTTP application with StrataModule', () => {
  test('serves injected sections, follows a file edit in Live and request-scoped handlers, keeps the last good values on an invalid edit', async () => {
    const { url, file, config } = await start();
    expect(await get(`${url}/request`)).toEqual({ text: 'hello', port: 5432 });
    expect(await get(`${url}/singleton`)).toEqual({ injected: 'hello', live: 'hello' });

    const changed = await after(config, 'changed', () => writeFile(file, yaml('bonjour', 6000)));
    expect(changed.diff.map((change) => change.path).sort()).toEqual(['database.port', 'greeting.text']);
    expect(await get(`${url}/request`)).toEqual({ text: 'bonjour', port: 6000 });
    expect(await get(`${url}/singleton`)).toEqual({ injected: 'hello', live: 'bonjour' });

    const rejected = await after(config, 'rejected', () => writeFile(file, yaml('', 0)));
    expect(rejected.error.message).toContain('greeting.text');
    expect(rejected.error.message).toContain('database.port');
    expect(rejected.error.message).toContain('config/default.yaml:');
    expect(await get(`${url}/request`)).toEqual({ text: 'bonjour', port: 6000 });
    expect(await get(`${url}/singleton`)).toEqual({ injected: 'hello', live: 'bonjour' });
  });

  test('app.close() closes the configuration and leaves no watcher, timer, server or socket open', async () => {
    const before = resources();
    const { url, config } = await start();
    await get(`${url}/request`);
    expect(resources()).not.toEqual(before);
    await app?.close();
    app = undefined;
    expect(config.closed).toBe(true);
    // Sockets finish closing on later ticks (both ends of the test's own request): wait for them, then compare.
    // The runner's own resources come and go, so only kinds above their count before the start are leftovers.
    const leftovers = () =>
      Object.entries(resources()).filter(([kind, count]) => count > (before[kind] ?? 0));
    const deadline = Date.now() + 5_000;
    while (leftovers().length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(leftovers()).toEqual([]);
  });
});
