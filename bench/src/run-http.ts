/**
 * `pnpm --filter @strata/bench run bench:http`: the operations surface under load (autocannon, 50
 * connections, 10 s each) — `GET /config` and `POST /validate` through `@strata/http` on `node:http`, side by
 * side with a bare `node:http` handler returning the same bytes, so the ratio is the surface's own cost.
 * Both servers run in a child process, so the load generator does not share their event loop (it would
 * add its own work to every latency). Prints a Markdown table for bench/RESULTS.md.
 */
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, Section } from '@strata/core';
import { createStrataHandler, toNodeListener } from '@strata/http';
import autocannon from 'autocannon';
import { IsIn, IsInt, IsString, Max, Min } from 'class-validator';

@Section('server')
class ServerSection {
  @IsInt() @Min(1) @Max(65535) port = 8080;
  @IsString() host = 'localhost';
}

@Section('log')
class LogSection {
  @IsIn(['debug', 'info', 'warn', 'error']) level = 'info';
}

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const TOKEN = 'bench-operator-token-0123456789';
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const body = JSON.stringify({ values: { 'server.port': 9090, log: { level: 'debug' } } });

/** In the child: the surface and the bare server, their URLs sent to the parent; ends when told to. */
async function serve(): Promise<void> {
  const config = await loadConfig({ sections: [ServerSection, LogSection], sources: [] }, { env: {} });
  const strata = createStrataHandler(config, {
    tokens: [{ name: 'bench', role: 'operator', token: TOKEN }],
    writeRate: { burst: 1e9, perSecond: 1e9 },
  });
  const surface = createServer(toNodeListener(strata));
  const surfaceUrl = await listen(surface);

  // The bare handler answers the very bytes the surface answers.
  const configBytes = await (await fetch(`${surfaceUrl}/strata/config`, { headers })).text();
  const validateBytes = await (
    await fetch(`${surfaceUrl}/strata/validate`, { method: 'POST', headers, body })
  ).text();
  const bare = createServer((request, response) => {
    const bytes = request.method === 'POST' ? validateBytes : configBytes;
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end(bytes);
    });
  });
  const bareUrl = await listen(bare);
  process.send!({ surfaceUrl, bareUrl, configBytes: configBytes.length });
  await once(process, 'disconnect');
  strata.close();
  surface.close();
  bare.close();
  await config.close();
}

if (process.argv[2] === 'serve') {
  await serve();
} else {
  const child = fork(new URL(import.meta.url), ['serve']);
  const [urls] = (await once(child, 'message')) as [
    { surfaceUrl: string; bareUrl: string; configBytes: number },
  ];
  const { surfaceUrl, bareUrl, configBytes } = urls;

  const rows: string[] = [];
  for (const [name, path, method] of [
    ['GET /config', '/strata/config', 'GET'],
    ['POST /validate', '/strata/validate', 'POST'],
  ] as const) {
    const run = (url: string) =>
      autocannon({
        url: `${url}${path}`,
        connections: 50,
        duration,
        method,
        headers,
        ...(method === 'POST' ? { body } : {}),
      });
    const measured = await run(surfaceUrl);
    const baseline = await run(bareUrl);
    if (measured.non2xx > 0 || measured.errors > 0)
      throw new Error(`${name}: ${measured.non2xx} non-2xx, ${measured.errors} errors`);
    rows.push(
      `| ${name} | ${measured.latency.p50} | ${measured.latency.p99} | ${Math.round(measured.requests.average)} | ${baseline.latency.p50} | ${baseline.latency.p99} | ${Math.round(baseline.requests.average)} | ${(baseline.requests.average / measured.requests.average).toFixed(1)}× |`,
    );
  }
  console.log(`${configBytes} bytes per GET /config answer; 50 connections, ${duration} s each\n`);
  console.log(
    '| endpoint | p50 ms | p99 ms | req/s | bare p50 ms | bare p99 ms | bare req/s | bare/surface |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
  child.disconnect();
}
