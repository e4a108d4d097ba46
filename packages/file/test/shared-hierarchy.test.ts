import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatOrigin, loadConfig, Section, StrataError } from '@strata/core';
import { IsInt, IsString } from 'class-validator';
import { afterEach, describe, expect, it } from 'vitest';
import { fileSource } from '../src/index.js';
import { tempDir, waitFor } from '@strata-internal/test-support';

@Section('db')
class DbConfig {
  @IsString() host = 'localhost';
  @IsInt() pool = 1;
  @IsString() region = 'none';
  @IsString() name = 'app';
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A platform folder shared by services, and one service (billing) beside it. */
async function organisation(): Promise<string> {
  const { dir, cleanup } = await tempDir('strata-shared-');
  cleanups.push(cleanup);
  const files: Record<string, string> = {
    'platform/global.yaml': 'db:\n  host: db.global\n  region: eu\n  pool: 2\n',
    'platform/production.yaml': 'db:\n  host: db.prod\n  pool: 10\n',
    'platform/services/billing/default.yaml': 'db:\n  name: billing\n',
    'platform/services/billing/production.yaml': 'db:\n  pool: 20\n',
    'platform/services/orders/default.yaml': 'db:\n  name: orders\n',
    'billing/config/default.yaml': 'db:\n  region: eu-west\n',
    'billing/config/production.yaml': 'db:\n  pool: 30\n',
  };
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}

const source = () => fileSource({ dir: 'config', shared: { dir: '../platform', service: 'billing' } });

describe('a shared folder under several services', () => {
  it('stacks global → environment → services/<name> → the service, and explain shows each level', async () => {
    const root = await organisation();
    const config = await loadConfig(
      { sections: [DbConfig], sources: [source()] },
      { cwd: join(root, 'billing'), environment: 'production', env: {} },
    );
    expect({ ...config.get(DbConfig) }).toEqual({
      host: 'db.prod',
      pool: 30,
      region: 'eu-west',
      name: 'billing',
    });
    const pool = config.explain('db.pool')!;
    expect(pool.candidates.map((c) => [formatOrigin(c.origin), c.value, c.winner])).toEqual([
      ['file ../platform/global.yaml:4:9 [global]', 2, false],
      ['file ../platform/production.yaml:3:9 [environment]', 10, false],
      ['file ../platform/services/billing/production.yaml:2:9 [shared service]', 20, false],
      ['file config/production.yaml:2:9 [service]', 30, true],
    ]);
    expect(config.explain('db.host')!.source).toMatchObject({ level: 'environment' });
    await config.close();
  });

  it('another service sees the same organisation values and only its own service folder', async () => {
    const root = await organisation();
    await mkdir(join(root, 'orders/config'), { recursive: true });
    const config = await loadConfig(
      {
        sections: [DbConfig],
        sources: [fileSource({ dir: 'config', shared: { dir: '../platform', service: 'orders' } })],
      },
      { cwd: join(root, 'orders'), environment: 'staging', env: {} },
    );
    expect({ ...config.get(DbConfig) }).toEqual({ host: 'db.global', pool: 2, region: 'eu', name: 'orders' });
    await config.close();
  });

  it('knows the environments of both folders, refuses a service name with a path, and needs the folder', async () => {
    const root = await organisation();
    await writeFile(join(root, 'platform/staging.yaml'), 'db:\n  pool: 3\n');
    const context = { cwd: join(root, 'billing') };
    const environments = await source().environments!({ ...context } as never);
    expect(environments).toEqual(['production', 'staging']);
    expect(() => fileSource({ dir: 'config', shared: { dir: '../platform', service: '../x' } })).toThrow(
      /shared\.service must be a plain name/,
    );
    const missing = await loadConfig(
      { sections: [DbConfig], sources: [fileSource({ dir: 'config', shared: { dir: '../nowhere' } })] },
      { cwd: join(root, 'billing'), env: {} },
    ).catch((error: unknown) => error);
    expect(StrataError.is(missing, 'SOURCE_FAILED')).toBe(true);
    expect((missing as Error).message).toContain('configuration directory ../nowhere does not exist');
  });

  it('a change in the shared folder reloads the service, as its own files do', async () => {
    const root = await organisation();
    const config = await loadConfig(
      { sections: [DbConfig], sources: [source()] },
      { cwd: join(root, 'billing'), environment: 'staging', env: {}, watch: true },
    );
    try {
      expect(config.get(DbConfig).host).toBe('db.global');
      await writeFile(join(root, 'platform/global.yaml'), 'db:\n  host: db.moved\n');
      await waitFor('the shared change', () => config.get(DbConfig).host === 'db.moved', {
        timeoutMs: 10_000,
      });
      expect(config.explain('db.host')!.source).toMatchObject({ level: 'global' });
    } finally {
      await config.close();
    }
  });
});
