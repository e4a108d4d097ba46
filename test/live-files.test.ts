import { mkdir, mkdtemp, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type ChangedEvent,
  type Config,
  type ConfigEvent,
  loadConfig,
  type RejectedEvent,
  Section,
} from '@strata/core';
import { fileSource } from '@strata/file';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { afterEach, describe, expect, it } from 'vitest';

// The engine and @strata/file together, on real files: every kind of edit a running service meets produces
// exactly one `changed` event with the right diff, and keeps doing so for the next ten edits.

@Section('app')
class AppConfig {
  @IsInt() @Min(1) @Max(100000) port = 1;
  @IsString() name = 'default';
}

interface Harness {
  readonly dir: string;
  readonly config: Config;
  readonly events: ConfigEvent[];
  /** Resolves with the next event after `count` events have been seen. */
  next(count: number): Promise<ConfigEvent>;
}

const open: { config: Config; dir: string }[] = [];
afterEach(async () => {
  for (const { config, dir } of open.splice(0)) {
    await config.close();
    await rm(dir, { recursive: true, force: true });
  }
});

async function start(dir: string, configDir = 'config'): Promise<Harness> {
  const config = await loadConfig(
    { sections: [AppConfig], sources: [fileSource({ dir: configDir, pollIntervalMs: 500 })] },
    { cwd: dir, env: {}, environment: 'production', watch: true },
  );
  open.push({ config, dir });
  const events: ConfigEvent[] = [];
  const waiters: { count: number; resolve: (e: ConfigEvent) => void }[] = [];
  const record = (event: ConfigEvent) => {
    events.push(event);
    for (const waiter of waiters.splice(0)) {
      if (events.length > waiter.count) waiter.resolve(events[waiter.count]!);
      else waiters.push(waiter);
    }
  };
  config.on('changed', record);
  config.on('rejected', record);
  // Give the directory watcher a moment to arm before the first edit.
  await new Promise((resolve) => setTimeout(resolve, 150));
  return {
    dir,
    config,
    events,
    next: (count) =>
      new Promise<ConfigEvent>((resolve, reject) => {
        if (events.length > count) return resolve(events[count]!);
        waiters.push({ count, resolve });
        setTimeout(
          () => reject(new Error(`no event #${count + 1} within 8 s; seen: ${JSON.stringify(events)}`)),
          8000,
        ).unref();
      }),
  };
}

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'strata-live-'));
  await mkdir(path.join(dir, 'config'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, 'config', name), text);
  return dir;
}

const yaml = (port: number, name = 'svc') => `app:\n  port: ${port}\n  name: ${name}\n`;

/** Eleven edits in a row, each awaited: exactly one `changed` event each, with the right diff. */
async function elevenEdits(harness: Harness, edit: (port: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < 11; i++) {
    const port = 2000 + i;
    const before = harness.config.get(AppConfig).port;
    await edit(port);
    const event = (await harness.next(i)) as ChangedEvent;
    expect(event.type).toBe('changed');
    expect(event.diff.map((c) => [c.path, c.before, c.after])).toEqual([['app.port', before, port]]);
    expect(harness.config.get(AppConfig).port).toBe(port);
  }
  // No second event for any of them.
  await new Promise((resolve) => setTimeout(resolve, 400));
  expect(harness.events).toHaveLength(11);
}

describe('live files through the engine', () => {
  it('in-place writes', async () => {
    const harness = await start(await project({ 'default.yaml': yaml(1000) }));
    const file = path.join(harness.dir, 'config/default.yaml');
    await elevenEdits(harness, (port) => writeFile(file, yaml(port)));
  });

  it('editor saves: write a temporary file, rename it over the original', async () => {
    const harness = await start(await project({ 'default.yaml': yaml(1000) }));
    const file = path.join(harness.dir, 'config/default.yaml');
    await elevenEdits(harness, async (port) => {
      await writeFile(`${file}.swp`, yaml(port));
      await rename(`${file}.swp`, file);
    });
  });

  it('delete, then re-create', async () => {
    const harness = await start(
      await project({ 'default.yaml': yaml(1000), 'production.yaml': 'app:\n  name: prod\n' }),
    );
    const file = path.join(harness.dir, 'config/default.yaml');
    let seen = 0;
    for (let i = 0; i < 5; i++) {
      await unlink(file);
      const removed = (await harness.next(seen++)) as ChangedEvent;
      expect(removed.diff.map((c) => [c.path, c.after])).toEqual([['app.port', 1]]);
      await writeFile(file, yaml(3000 + i));
      const restored = (await harness.next(seen++)) as ChangedEvent;
      expect(restored.diff.map((c) => [c.path, c.before, c.after])).toEqual([['app.port', 1, 3000 + i]]);
    }
  });

  it('a Kubernetes ConfigMap update: the ..data symlink swapped by rename', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'strata-configmap-'));
    const mount = path.join(dir, 'config');
    await mkdir(mount);
    const publish = async (version: number, port: number) => {
      const stamped = path.join(mount, `..2026_11_22_${version}`);
      await mkdir(stamped);
      await writeFile(path.join(stamped, 'default.yaml'), yaml(port));
      await symlink(path.basename(stamped), path.join(mount, '..data_tmp'));
      await rename(path.join(mount, '..data_tmp'), path.join(mount, '..data'));
    };
    await publish(0, 1000);
    await symlink('..data/default.yaml', path.join(mount, 'default.yaml'));
    const harness = await start(dir);
    expect(harness.config.get(AppConfig).port).toBe(1000);
    let version = 1;
    await elevenEdits(harness, (port) => publish(version++, port));
  });

  it('a new profile file appearing after start', async () => {
    const harness = await start(await project({ 'default.yaml': yaml(1000) }));
    await writeFile(path.join(harness.dir, 'config/local.yaml'), 'app:\n  port: 4242\n');
    const event = (await harness.next(0)) as ChangedEvent;
    expect(event.diff.map((c) => [c.path, c.before, c.after, c.origin?.locator])).toEqual([
      ['app.port', 1000, 4242, 'config/local.yaml:2:9'],
    ]);
  });

  it('a file that no longer parses is rejected with file:line:column, the last good values stay, a fix applies', async () => {
    const harness = await start(await project({ 'default.yaml': yaml(1000) }));
    const file = path.join(harness.dir, 'config/default.yaml');
    await writeFile(file, 'app:\n  port: 2000\n   name: [broken\n');
    const rejected = (await harness.next(0)) as RejectedEvent;
    expect(rejected.type).toBe('rejected');
    expect(rejected.error.code).toBe('PARSE_ERROR');
    expect(rejected.error.message).toMatch(/^config\/default\.yaml:\d+:\d+: /);
    expect(harness.config.get(AppConfig).port).toBe(1000);
    await writeFile(file, yaml(2001));
    const fixed = (await harness.next(1)) as ChangedEvent;
    expect(fixed.diff.map((c) => [c.path, c.after])).toEqual([['app.port', 2001]]);
  });

  it('an invalid value is rejected naming the file and line; the last good value stays', async () => {
    const harness = await start(await project({ 'default.yaml': yaml(1000) }));
    await writeFile(path.join(harness.dir, 'config/default.yaml'), yaml(0));
    const rejected = (await harness.next(0)) as RejectedEvent;
    expect(rejected.error.message).toContain(
      'app.port: must not be less than 1 — got 0 from file config/default.yaml:2:9',
    );
    expect(harness.config.get(AppConfig).port).toBe(1000);
  });
});
