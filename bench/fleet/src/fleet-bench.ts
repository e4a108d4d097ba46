/**
 * The fleet bench (not a unit test): N instances over W worker processes against the Vault test server (every
 * request counted) and a real redis-server. Scenarios: `leader`, `notify`, `polling` (one edit each: time
 * until the whole fleet holds it, store requests, Redis commands), `failover` (the leader's process killed)
 * and `cut` (one instance's Redis connection cut, shown drifting, restored).
 *
 * `node dist/bench/fleet/src/fleet-bench.js [--instances 200] [--workers 8] [--scenarios leader,notify,…]
 *  [--profile DIR] [--svg FILE]`
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient, type RedisClientType } from '@redis/client';
import { generateKey } from '@strata/core/secrets';
import { startRedisTestServer } from '../../../test/support/src/servers/redis/index.js';
import { startVaultTestServer } from '../../../test/support/src/servers/vault/index.js';
import type { BenchContext } from './bench-context.js';
import { CONVERGE_SCENARIOS, type ConvergeResult, runConverge } from './converge-scenario.js';
import { type ConvergencePlot, convergenceSvg } from './convergence-svg.js';
import { runCut } from './cut-scenario.js';
import { runFailover } from './failover-scenario.js';

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '200' },
    workers: { type: 'string', default: '8' },
    scenarios: { type: 'string', default: 'leader,notify,polling,failover,cut' },
    profile: { type: 'string' },
    svg: { type: 'string' },
  },
});
const wanted = new Set(values.scenarios.split(','));
const instances = Number(values.instances);
const workers = Number(values.workers);

const redis = await startRedisTestServer();
const vault = await startVaultTestServer({
  tokens: ['bench-root'],
  secrets: { 'secret/app/bench': { greeting: 'v1', token: 'bench-secret-1' } },
});
const admin = createClient({ url: redis.url }) as RedisClientType;
await admin.connect();
let edits = 1;
const context: BenchContext = {
  instances,
  workers,
  redisUrl: redis.url,
  vault,
  admin,
  key: generateKey('bench').line,
  execArgv: values.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(values.profile)}`] : [],
  edit() {
    edits++;
    const value = `v${edits}`;
    const at = Date.now();
    vault.writeSecret('secret/app/bench', { greeting: value, token: `bench-secret-${edits}` });
    return { value, at };
  },
  async commands() {
    return Number(/total_commands_processed:(\d+)/.exec(await admin.info('stats'))?.[1] ?? 0);
  },
  storeRequests() {
    return vault.requests().filter((request) => request.path.includes('/secret/')).length;
  },
};

const load: number[] = [];
const sampler = setInterval(() => load.push(loadavg()[0] ?? 0), 5000);
const out: string[] = [];
const n = (value: number): string => Math.round(value).toLocaleString('en');

const converged: ConvergeResult[] = [];
for (const scenario of CONVERGE_SCENARIOS) {
  if (!wanted.has(scenario.name)) continue;
  await admin.flushAll();
  const r = await runConverge(context, scenario);
  converged.push(r);
  console.error(`${scenario.name}: ${r.converged}/${r.instances}, p99 ${r.p99} ms after the first`);
}
if (converged.length > 0) {
  out.push(
    '| scenario | converged | first instance saw it after the edit (ms) | p50 after the first (ms) | p99 (ms) | max (ms) | Vault requests, edit → converged | Redis commands, edit → converged | window | start-up | worker CPU at rest (ms per s) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...converged.map(
      (r) =>
        `| ${r.scenario.label} | ${r.converged}/${r.instances} | ${n(r.firstMs)} | ${n(r.p50)} | ${n(r.p99)} | ${n(r.max)} | ${r.storeRequests} | ${n(r.redisCommands)} | ${(r.windowMs / 1000).toFixed(1)} s | ${(r.startupMs / 1000).toFixed(1)} s | ${n(r.steadyCpuPerSecond)} |`,
    ),
    '',
  );
}
if (wanted.has('failover')) {
  await admin.flushAll();
  out.push(...(await runFailover(context)), '');
}
if (wanted.has('cut')) {
  await admin.flushAll();
  out.push(...(await runCut(context)), '');
}
clearInterval(sampler);
const sorted = [...load].sort((a, b) => a - b);
console.log(
  `Fleet bench: ${instances} instances over ${workers} worker processes, ${new Date().toISOString()}; ` +
    `1-minute load average during the run: ${sorted[0]?.toFixed(1)}–${sorted.at(-1)?.toFixed(1)} (median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)})\n`,
);
console.log(out.join('\n'));
if (values.svg && converged.length > 0) {
  const plot: ConvergencePlot = {
    title: `One edit, ${instances} instances over ${workers} worker processes (${new Date().toISOString().slice(0, 10)})`,
    series: converged.map((r) => ({ label: r.scenario.label, reachedMs: r.reachedMs, total: r.instances })),
  };
  writeFileSync(values.svg, convergenceSvg(plot));
  writeFileSync(values.svg.replace(/\.svg$/, '.json'), `${JSON.stringify(plot)}\n`);
}
admin.destroy();
await vault.stop();
await redis.close();
