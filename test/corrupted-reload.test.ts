import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type Config,
  ConfigValidationError,
  type LoadOptions,
  loadConfig,
  type RejectedEvent,
  Section,
  StrataError,
} from '@strata/core';
import { fileSource } from '@strata/file';
import { IsInt, IsString, Min } from 'class-validator';
import { fixedSource } from '@strata-internal/test-support';
import { afterEach, describe, expect, it } from 'vitest';

// The audit's eight bytes once parsed as a YAML mapping with one junk key; strict reading now refuses them
// as text that is not UTF-8. Corruption that is valid text still parses, though (a truncated write, another
// file's content): JUNK is such a mapping. Applied, it would put every value of the file back to its code
// default; the engine must refuse it instead.
const GARBAGE = Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02, 0x80, 0x3a, 0x0a]);
const JUNK = '\u0298\u0298\u0298: \u00a7\n';

@Section('app')
class AppConfig {
  @IsInt() @Min(1) port = 1;
  @IsString() name = 'default';
}

const dirs: string[] = [];
const open: Config[] = [];
afterEach(async () => {
  for (const config of open.splice(0)) await config.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function project(defaultYaml: string | Buffer): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'strata-corrupt-'));
  dirs.push(dir);
  await mkdir(path.join(dir, 'config'));
  const file = path.join(dir, 'config', 'default.yaml');
  await writeFile(file, defaultYaml);
  return { dir, file };
}

async function load(dir: string, options: LoadOptions = {}): Promise<Config> {
  const config = await loadConfig(
    { sections: [AppConfig], sources: [fileSource({ dir: 'config' })] },
    { cwd: dir, env: {}, environment: 'production', ...options },
  );
  open.push(config);
  return config;
}

describe('a corrupted file during reload', () => {
  it('is rejected with SUSPICIOUS_CHANGE naming the source and file; the last good values stay', async () => {
    const { dir, file } = await project('app:\n  port: 1000\n  name: svc\n');
    const config = await load(dir);
    const rejected: RejectedEvent[] = [];
    config.on('rejected', (event) => rejected.push(event));
    await writeFile(file, JUNK);
    const result = await config.reload();
    expect(result.status).toBe('rejected');
    expect(StrataError.is(result.error, 'SUSPICIOUS_CHANGE')).toBe(true);
    expect(result.error?.message).toMatch(/Source "file" changed to content that looks corrupted/);
    expect(result.error?.message).toContain('config/default.yaml');
    expect(rejected).toHaveLength(1);
    expect(config.get(AppConfig)).toMatchObject({ port: 1000, name: 'svc' });

    await writeFile(file, 'app:\n  port: 2000\n  name: svc\n');
    expect((await config.reload()).status).toBe('changed');
    expect(config.get(AppConfig).port).toBe(2000);
  });

  it("is rejected before the engine looks at it when it is not text (the audit's bytes)", async () => {
    const { dir, file } = await project('app:\n  port: 1000\n  name: svc\n');
    const config = await load(dir);
    await writeFile(file, GARBAGE);
    const result = await config.reload();
    expect(result.status).toBe('rejected');
    expect(result.error?.message).toContain('config/default.yaml');
    expect(config.get(AppConfig)).toMatchObject({ port: 1000, name: 'svc' });
  });

  it('is rejected when most of the file becomes unknown keys', async () => {
    const { dir, file } = await project('app:\n  port: 1000\n  name: svc\n');
    const config = await load(dir);
    await writeFile(file, 'app:\n  port: 1000\nxq1: 1\nxq2: 2\nxq3: 3\n');
    const result = await config.reload();
    expect(StrataError.is(result.error, 'SUSPICIOUS_CHANGE')).toBe(true);
    expect(config.get(AppConfig).name).toBe('svc');
  });

  it('an edit that only removes keys is applied', async () => {
    const { dir, file } = await project('app:\n  port: 1000\n  name: svc\n');
    const config = await load(dir);
    await writeFile(file, 'app:\n  port: 1000\n');
    expect((await config.reload()).status).toBe('changed');
    expect(config.get(AppConfig).name).toBe('default');
  });

  it("is applied when the application opts out with suspiciousReloads: 'apply'", async () => {
    const { dir, file } = await project('app:\n  port: 1000\n  name: svc\n');
    const config = await load(dir, { suspiciousReloads: 'apply' });
    await writeFile(file, JUNK);
    expect((await config.reload()).status).toBe('changed');
    expect(config.get(AppConfig).port).toBe(1);
  });
});

describe('a source whose content code sets', () => {
  it('says suspiciousReloads on itself, and emptying it applies while the default still rejects', async () => {
    const deliberate = fixedSource('memory', { 'app.port': 1000 });
    const guarded = fixedSource('guarded', { 'app.name': 'svc' });
    const config = await loadConfig(
      { sections: [AppConfig], sources: [guarded, { ...deliberate, suspiciousReloads: 'apply' }] },
      { env: {}, environment: 'production' },
    );
    open.push(config);
    deliberate.values = {};
    expect((await config.reload({ sources: ['memory'] })).status).toBe('changed');
    expect(config.get(AppConfig).port).toBe(1);
    guarded.values = {};
    const result = await config.reload({ sources: ['guarded'] });
    expect(StrataError.is(result.error, 'SUSPICIOUS_CHANGE')).toBe(true);
    expect(config.get(AppConfig).name).toBe('svc');
  });
});

describe('a corrupted file at start-up', () => {
  it('is a loud warning naming the source and file', async () => {
    const { dir } = await project(JUNK);
    const warnings: string[] = [];
    const logger = {
      debug: () => undefined,
      info: () => undefined,
      warn: (message: string) => void warnings.push(message),
      error: () => undefined,
    };
    await load(dir, { logger });
    const loud = warnings.filter((w) => w.includes('LOOKS CORRUPTED'));
    expect(loud).toHaveLength(1);
    expect(loud[0]).toContain('SOURCE "file"');
    expect(loud[0]).toContain('config/default.yaml');
  });

  it('is an error under strict', async () => {
    const { dir } = await project(JUNK);
    const error = await load(dir, { strict: true }).catch((caught: unknown) => caught);
    expect(ConfigValidationError.is(error)).toBe(true);
  });
});
