/**
 * One worker process of the fleet bench: `count` instances (each a Config with its own fleet connections, or
 * polling alone), reporting to the parent the value each instance holds whenever it changes. One instance
 * (`cut`) may reach Redis through a relay the parent can cut and restore.
 */
import 'reflect-metadata';
import { type Config, loadConfig, Secret, Section } from '@strata/core';
import { parseKeyring } from '@strata/core/secrets';
import { createRedisFleet, type RedisFleet } from '@strata/redis';
import { vaultSource } from '@strata/vault';
import { type CutProxy, startCutProxy } from './cut-proxy.js';
import { startProfile } from './worker-profile.js';

@Section('app')
class AppConfig {
  greeting = '';
  @Secret() token = '';
}

/** What the parent passes (as JSON in argv[2]). */
export interface WorkerArgs {
  readonly worker: string;
  readonly count: number;
  readonly mode: 'leader' | 'notify' | 'polling';
  readonly redisUrl: string;
  readonly vaultUrl: string;
  readonly key: string;
  readonly pollMs: number;
  readonly budget: number;
  readonly leaseMs: number;
  /** The id of the instance to put behind a relay the parent can cut. */
  readonly cut?: string;
}

/** From the parent. */
export type ToWorker =
  | { readonly type: 'stop' }
  | { readonly type: 'cut' }
  | { readonly type: 'restore' }
  | { readonly type: 'cpu' };

/** To the parent. */
export type FromWorker =
  | { readonly type: 'ready'; readonly worker: string }
  | { readonly type: 'holds'; readonly id: string; readonly value: string; readonly at: number }
  | { readonly type: 'transport'; readonly id: string; readonly event: string; readonly at: number }
  | { readonly type: 'cpu'; readonly worker: string; readonly cpuMs: number };

const args = JSON.parse(process.argv[2] ?? '{}') as WorkerArgs;
const tell = (message: FromWorker): void => void process.send?.(message);
const open: { config: Config; fleet: RedisFleet | undefined }[] = [];
let proxy: CutProxy | undefined;
for (let i = 0; i < args.count; i++) {
  const id = `${args.worker}-i${i}`;
  if (id === args.cut) proxy = await startCutProxy(args.redisUrl);
  const fleet =
    args.mode === 'polling'
      ? undefined
      : createRedisFleet({
          url: id === args.cut && proxy ? proxy.url : args.redisUrl,
          instanceId: id,
          keyring: parseKeyring(args.key),
          fleet: 'bench',
          mode: args.mode,
          storeBudget: { requestsPerSecond: args.budget },
          heartbeatMs: 5000,
          leaseMs: args.leaseMs,
        });
  const source = vaultSource({
    secrets: [{ path: 'secret/app/bench', into: 'app' }],
    pollIntervalMs: args.pollMs,
  });
  const config = await loadConfig(
    { sections: [AppConfig], sources: [fleet ? fleet.share(source) : source] },
    {
      env: { VAULT_ADDR: args.vaultUrl, VAULT_TOKEN: 'bench-root' },
      argv: [],
      watch: true,
      environment: 'bench',
    },
  );
  if (fleet) {
    await fleet.attach(config);
    for (const event of ['transportFailed', 'transportRecovered'] as const)
      fleet.transport.on(event, () => tell({ type: 'transport', id, event, at: Date.now() }));
  }
  const holds = (): void =>
    tell({ type: 'holds', id, value: config.get(AppConfig).greeting, at: Date.now() });
  config.on('changed', holds);
  holds();
  open.push({ config, fleet });
}
const profiling = process.env.FLEET_BENCH_PROFILE ? await startProfile() : undefined;
tell({ type: 'ready', worker: args.worker });
process.on('message', async (message: ToWorker) => {
  if (message.type === 'cut') proxy?.cut();
  if (message.type === 'restore') proxy?.restore();
  if (message.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    tell({ type: 'cpu', worker: args.worker, cpuMs: (user + system) / 1000 });
  }
  if (message.type !== 'stop') return;
  await profiling?.();
  for (const { config, fleet } of open) {
    await fleet?.close();
    await config.close();
  }
  await proxy?.close();
  process.exit(0);
});
