import { type Config, loadConfig, Secret, Section } from '@strata/core';
import { generateKey, parseKeyring } from '@strata/core/secrets';
import { createRedisFleet, type RedisFleet } from '@strata/redis';
import { testSource, waitFor } from '@strata-internal/test-support';
import { assertBuilt, runEnv, strata } from '@strata-internal/test-support/cli';
import { type RedisTestServer, startRedisTestServer } from '@strata-internal/test-support/redis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const CANARY = 'cli-fleet-canary-91be';
const KEY = generateKey('fleet-cli').line;

@Section('app')
class AppConfig {
  greeting = 'hello';
  @Secret() token = 'unset';
}

let redis: RedisTestServer;
const members: { config: Config; fleet: RedisFleet }[] = [];
const backend = { app: { greeting: 'one', token: CANARY } };

beforeAll(async () => {
  assertBuilt();
  redis = await startRedisTestServer();
  for (let i = 0; i < 2; i++) {
    const fleet = createRedisFleet({
      url: redis.url,
      keyring: parseKeyring(KEY),
      fleet: 'cli',
      heartbeatMs: 100,
    });
    const config = await loadConfig(
      { sections: [AppConfig], sources: [fleet.share(testSource(backend, 'store'))] },
      { env: {}, argv: [] },
    );
    await fleet.attach(config);
    members.push({ config, fleet });
  }
  await waitFor('two members', () => members[0]!.fleet.members.length === 2);
});

afterAll(async () => {
  for (const { config, fleet } of members) {
    await fleet.close();
    await config.close();
  }
  await redis.close();
});

describe('strata fleet', () => {
  test('status lists every instance with its generation and hash, and never a value', async () => {
    const result = await strata(['fleet', 'status', '--redis', redis.url, '--fleet', 'cli'], {
      env: runEnv({ STRATA_KEYS: KEY }),
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const { fleet } of members) expect(result.stdout).toContain(fleet.transport.instanceId);
    expect(result.stdout).toMatch(/Fleet cli: 2 instance\(s\), no leader\./);
    expect(result.stdout).not.toContain(CANARY);
    const json = await strata(['fleet', 'status', '--redis', redis.url, '--fleet', 'cli', '--json'], {
      env: runEnv({ STRATA_KEYS: KEY }),
    });
    const parsed = JSON.parse(json.stdout) as { instances: { generation: number; drifting: boolean }[] };
    expect(parsed.instances.map((i) => [i.generation, i.drifting])).toEqual([
      [1, false],
      [1, false],
    ]);
  });

  test('refresh --source makes every instance reload that source', async () => {
    backend.app.greeting = 'two';
    const result = await strata(['fleet', 'refresh', '--source', 'store', '--fleet', 'cli'], {
      env: runEnv({ STRATA_KEYS: KEY, STRATA_REDIS_URL: redis.url }),
    });
    expect(result.stdout).toBe('Asked fleet cli to reload source store.\n');
    for (const { config } of members)
      await waitFor('the reload', () => config.get(AppConfig).greeting === 'two');
  });

  test('without Redis or keys it says what is missing (exit 2)', async () => {
    const noRedis = await strata(['fleet', 'status'], { env: runEnv({ STRATA_KEYS: KEY }) });
    expect([noRedis.code, noRedis.stderr]).toEqual([
      2,
      expect.stringContaining('pass --redis <url> or set STRATA_REDIS_URL'),
    ]);
    const noKeys = await strata(['fleet', 'refresh', '--redis', redis.url]);
    expect([noKeys.code, noKeys.stderr]).toEqual([2, expect.stringContaining('no keys')]);
  });
});
