/**
 * One instance of a fleet: `node dist/instance.js`, with VAULT_ADDR, VAULT_TOKEN, STRATA_REDIS_URL and
 * STRATA_KEYS set. It loads its configuration from Vault through the fleet, then prints one line per
 * generation. Start three: one leads and polls Vault; the others apply its sealed layer.
 */
import 'reflect-metadata';
import { loadConfig } from '@strata/core';
import { loadKeyring } from '@strata/core/secrets';
import { createRedisFleet } from '@strata/redis';
import { vaultSource } from '@strata/vault';
import { AppConfig } from './sections.js';

const fleet = createRedisFleet({
  url: process.env.STRATA_REDIS_URL ?? 'redis://127.0.0.1:6379',
  keyring: await loadKeyring(),
  fleet: 'example',
  mode: 'leader',
  leaseMs: 3000,
  heartbeatMs: 500,
});
const config = await loadConfig(
  {
    sections: [AppConfig],
    sources: [
      fleet.share(vaultSource({ secrets: [{ path: 'secret/app/{env}', into: 'app' }], pollIntervalMs: 200 })),
    ],
  },
  { watch: true },
);
await fleet.attach(config);

const report = (): void => {
  const app = config.get(AppConfig);
  const role = fleet.leader ? 'leader' : 'follower';
  console.log(
    `${fleet.transport.instanceId} generation ${config.generation} (${role}): greeting=${app.greeting}`,
  );
};
report();
config.on('changed', report);
config.on('rejected', (event) => console.log(`rejected: ${event.error.message}`));

const stop = async (): Promise<void> => {
  await fleet.close();
  await config.close();
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
