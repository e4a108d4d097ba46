/**
 * The fleet bench (not a unit test): N instances over W worker processes against the Vault test server (every
 * request counted) and a real redis-server. One secret edit per scenario; reported: convergence after the
 * first instance saw the change (p50/p99/max), Vault requests and Redis commands from the edit until the
 * whole fleet converged. `node dist/bench/fleet/src/fleet-bench.js [instances] [workers]`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createClient } from '@redis/client';
import { generateKey } from '@strata/core/secrets';
import { startRedisTestServer } from '../../../test/support/src/servers/redis/index.js';
import { startVaultTestServer } from '../../../test/support/src/servers/vault/index.js';

const instances = Number(process.argv[2] ?? 200);
const workers = Number(process.argv[3] ?? 8);
const worker = fileURLToPath(new URL('./worker.js', import.meta.url));

interface Scenario {
  readonly name: string;
  readonly mode: 'leader' | 'notify' | 'polling';
  readonly pollMs: number;
  readonly budget: number;
}

const scenarios: Scenario[] = [
  { name: 'leader-fetch-and-share (leader polls every 1 s)', mode: 'leader', pollMs: 1000, budget: 50 },
  {
    name: 'notify-and-refetch (poll 30 s backstop, budget 50 req/s)',
    mode: 'notify',
    pollMs: 30_000,
    budget: 50,
  },
  { name: 'polling alone, 30 s jittered (baseline)', mode: 'polling', pollMs: 30_000, budget: 50 },
];

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

const redis = await startRedisTestServer();
const vault = await startVaultTestServer({
  tokens: ['bench-root'],
  secrets: { 'secret/app/bench': { greeting: 'v1', token: 'bench-secret-1' } },
});
const admin = createClient({ url: redis.url });
await admin.connect();
const commands = async (): Promise<number> =>
  Number(/total_commands_processed:(\d+)/.exec(await admin.info('stats'))?.[1] ?? 0);

const sharedKey = generateKey('bench').line;
const rows: string[] = [];
let edit = 1;
for (const scenario of scenarios) {
  await admin.flushAll();
  const children: ChildProcess[] = [];
  const changed = new Map<string, number>();
  let ready = 0;
  const perWorker = Math.ceil(instances / workers);
  for (let w = 0; w < workers; w++) {
    const count = Math.min(perWorker, instances - w * perWorker);
    if (count <= 0) break;
    const args = {
      worker: w,
      count,
      mode: scenario.mode,
      redisUrl: redis.url,
      vaultUrl: vault.url,
      pollMs: scenario.pollMs,
      budget: scenario.budget,
    };
    const child = fork(worker, [JSON.stringify({ ...args, key: sharedKey })], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (message: { type: string; id?: string; at?: number }) => {
      if (message.type === 'ready') ready++;
      if (message.type === 'changed' && message.id && message.at && !changed.has(message.id))
        changed.set(message.id, message.at);
    });
    children.push(child);
  }
  const started = Date.now();
  while (ready < children.length) await new Promise((resolve) => setTimeout(resolve, 100));
  const startupMs = Date.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 3000));
  vault.clearRequests();
  const commandsBefore = await commands();
  edit++;
  const wroteAt = Date.now();
  vault.writeSecret('secret/app/bench', { greeting: `v${edit}`, token: `bench-secret-${edit}` });
  const deadline = wroteAt + 120_000;
  while (changed.size < instances && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  const convergedAt = Date.now();
  const storeRequests = vault.requests().filter((request) => request.path.includes('/secret/')).length;
  const redisCommands = (await commands()) - commandsBefore;
  const times = [...changed.values()].sort((a, b) => a - b);
  const first = times[0] ?? Number.NaN;
  const after = times.map((at) => at - first);
  rows.push(
    `| ${scenario.name} | ${changed.size}/${instances} | ${(first - wroteAt).toLocaleString('en')} | ${percentile(after, 50)} | ${percentile(after, 99)} | ${after.at(-1)} | ${storeRequests} | ${redisCommands.toLocaleString('en')} | ${((convergedAt - wroteAt) / 1000).toFixed(1)} s | ${(startupMs / 1000).toFixed(1)} s |`,
  );
  console.error(rows.at(-1));
  for (const child of children) child.send({ type: 'stop' });
  await Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve))));
}
console.log(
  `Fleet bench: ${instances} instances over ${workers} worker processes, ${new Date().toISOString()}\n`,
);
console.log(
  '| scenario | converged | first saw it after the edit (ms) | p50 after first (ms) | p99 (ms) | max (ms) | Vault requests edit→converged | Redis commands edit→converged | window | start-up |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
admin.destroy();
await vault.stop();
await redis.close();
