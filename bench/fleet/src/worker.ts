/**
 * One worker process of the fleet bench: `count` instances (each a Config with its own fleet connection, or
 * polling alone), reporting to the parent each time an instance reaches a new generation.
 */
import 'reflect-metadata';
import { type Config, loadConfig, Secret, Section } from '@strata/core';
import { parseKeyring } from '@strata/core/secrets';
import { createRedisFleet, type RedisFleet } from '@strata/redis';
import { vaultSource } from '@strata/vault';

@Section('app')
class AppConfig {
  greeting = '';
  @Secret() token = '';
}

interface WorkerArgs {
  readonly worker: number;
  readonly count: number;
  readonly mode: 'leader' | 'notify' | 'polling';
  readonly redisUrl: string;
  readonly vaultUrl: string;
  readonly key: string;
  readonly pollMs: number;
  readonly budget: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as WorkerArgs;
const open: { config: Config; fleet: RedisFleet | undefined }[] = [];
for (let i = 0; i < args.count; i++) {
  const fleet =
    args.mode === 'polling'
      ? undefined
      : createRedisFleet({
          url: args.redisUrl,
          keyring: parseKeyring(args.key),
          fleet: 'bench',
          mode: args.mode,
          storeBudget: { requestsPerSecond: args.budget },
          heartbeatMs: 5000,
          leaseMs: 3000,
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
  if (fleet) await fleet.attach(config);
  const id = `${args.worker}:${i}`;
  config.on('changed', (event) =>
    process.send?.({ type: 'changed', id, generation: event.generation, at: Date.now() }),
  );
  open.push({ config, fleet });
}
process.send?.({ type: 'ready', worker: args.worker });
process.on('message', async (message: { type: string }) => {
  if (message.type !== 'stop') return;
  for (const { config, fleet } of open) {
    await fleet?.close();
    await config.close();
  }
  process.exit(0);
});
