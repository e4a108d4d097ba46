import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateKey } from '@strata/core/secrets';
import { LineReader } from '@strata-internal/test-support/cli';
import { type RedisTestServer, startRedisTestServer } from '@strata-internal/test-support/redis';
import { startVaultTestServer, type VaultTestServer } from '@strata-internal/test-support/vault';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Three service processes share one real redis-server; an edit in the Vault test server reaches all three.
const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const instance = fileURLToPath(new URL('../dist/instance.js', import.meta.url));
const TOKEN = 'fleet-example-root';
const SECRET = 'example-api-token-5c1d';

let redis: RedisTestServer;
let vault: VaultTestServer;
const children: ChildProcess[] = [];

beforeAll(async () => {
  redis = await startRedisTestServer();
  vault = await startVaultTestServer({
    tokens: [TOKEN],
    secrets: { 'secret/app/development': { greeting: 'hello from vault', apiToken: SECRET } },
  });
});

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null))),
    ),
  );
  await vault?.stop();
  await redis?.close();
});

describe('examples/fleet', () => {
  it('a Vault edit reaches all three instances: one leader read it, two followers applied its sealed layer', async () => {
    expect(existsSync(instance), `build the example first: npx tsc -b examples/fleet (${instance})`).toBe(
      true,
    );
    const env = {
      PATH: process.env.PATH ?? '',
      STRATA_ENV: 'development',
      VAULT_ADDR: vault.url,
      VAULT_TOKEN: TOKEN,
      STRATA_REDIS_URL: redis.url,
      STRATA_KEYS: generateKey('example').line,
    };
    const readers: LineReader[] = [];
    for (let i = 0; i < 3; i++) {
      const child = spawn(process.execPath, [instance], {
        cwd: exampleDir,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      readers.push(new LineReader(child.stdout!));
    }
    for (const reader of readers)
      await reader.waitFor((line) => /generation 1 \(\w+\): greeting=hello from vault/.test(line), {
        timeoutMs: 20_000,
      });

    vault.writeSecret('secret/app/development', { greeting: 'edited in vault', apiToken: `${SECRET}-2` });
    for (const reader of readers)
      await reader.waitFor((line) => /generation 2 \(\w+\): greeting=edited in vault/.test(line), {
        timeoutMs: 20_000,
      });
    const second = await Promise.all(
      readers.map((reader) => reader.waitFor((line) => line.includes('generation 2'))),
    );
    expect(second.filter((line) => line.includes('(leader)'))).toHaveLength(1);
    const output = readers.map((reader) => reader.lines.join('\n')).join('\n');
    expect(output).not.toContain(SECRET);
  }, 60_000);
});
