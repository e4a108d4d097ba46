import { mkdir, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type FileConfigSource, type FileWatchHandle, fileSource } from '../src/index.js';
import {
  pause,
  type RecordingSignals,
  recordingSignals,
  sourceContext,
  tempDir,
  waitFor,
} from '@strata-internal/test-support';

interface Fixture {
  cwd: string;
  config: string;
  source: FileConfigSource;
  signals: RecordingSignals;
  handle?: FileWatchHandle;
}

const open: Fixture[] = [];
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const fixture of open.splice(0)) {
    fixture.handle?.dispose();
    await fixture.source.dispose();
  }
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A temp dir with `config/` and a profile source over it (poll off unless asked: events must do the work). */
async function setUp(
  files: Record<string, string>,
  options: { pollIntervalMs?: number; optional?: boolean } = {},
): Promise<Fixture> {
  const { dir: cwd, cleanup } = await tempDir('strata-file-');
  cleanups.push(cleanup);
  const config = join(cwd, 'config');
  await mkdir(config);
  for (const [name, content] of Object.entries(files)) await writeFile(join(config, name), content);
  const source = fileSource({
    dir: 'config',
    pollIntervalMs: options.pollIntervalMs ?? 0,
    ...(options.optional === undefined ? {} : { optional: options.optional }),
  });
  const fixture: Fixture = { cwd, config, source, signals: recordingSignals() };
  open.push(fixture);
  return fixture;
}

/** Load, then watch, and wait until the watcher is armed. */
async function startWatching(fixture: Fixture): Promise<FileWatchHandle> {
  const context = sourceContext({ cwd: fixture.cwd });
  await fixture.source.load(context);
  fixture.handle = fixture.source.watch(context, fixture.signals);
  await fixture.handle.ready;
  return fixture.handle;
}

/**
 * Makes change 0..10, waiting after each for exactly one more signal; then checks nothing else arrives.
 * This is the "keeps working for the next ten changes" contract.
 */
async function expectOneSignalPerChange(
  fixture: Fixture,
  change: (index: number) => Promise<void>,
  detail: (index: number) => string,
): Promise<void> {
  for (let index = 0; index <= 10; index++) {
    await change(index);
    await changesReported(fixture.signals, index + 1);
    expect(fixture.signals.changes[index]).toEqual({ source: 'file', detail: detail(index) });
  }
  await pause(300);
  expect(fixture.signals.changes).toHaveLength(11);
}

describe('fileSource watch', () => {
  it('signals once per in-place write, and a load after the signal adds none', async () => {
    const fixture = await setUp({ 'default.yaml': 'port: start\n' });
    await startWatching(fixture);
    const context = sourceContext({ cwd: fixture.cwd });
    await expectOneSignalPerChange(
      fixture,
      async (index) => {
        await writeFile(join(fixture.config, 'default.yaml'), `port: ${index}\n`);
      },
      () => 'config/default.yaml changed',
    );
    const layer = await fixture.source.load(context);
    expect(layer.entries.map((e) => e.value)).toEqual([10]);
    await pause(300);
    expect(fixture.signals.changes).toHaveLength(11);
  });

  it('signals once per editor save (write a temporary file, rename it over)', async () => {
    const fixture = await setUp({ 'default.yaml': 'port: start\n' });
    await startWatching(fixture);
    await expectOneSignalPerChange(
      fixture,
      async (index) => {
        const temporary = join(fixture.config, '.default.yaml.swp');
        await writeFile(temporary, `port: ${index}\n`);
        await rename(temporary, join(fixture.config, 'default.yaml'));
      },
      () => 'config/default.yaml changed',
    );
  });

  it('signals once per delete and once per re-create', async () => {
    const fixture = await setUp({ 'default.yaml': 'port: start\n', 'production.yaml': 'other: 1\n' });
    await startWatching(fixture);
    const file = join(fixture.config, 'production.yaml');
    await expectOneSignalPerChange(
      fixture,
      async (index) => {
        if (index % 2 === 0) await unlink(file);
        else await writeFile(file, `other: ${index}\n`);
      },
      (index) => `config/production.yaml ${index % 2 === 0 ? 'deleted' : 'created'}`,
    );
  });

  it('signals once per Kubernetes ConfigMap update (..data symlink swapped by rename)', async () => {
    const fixture = await setUp({});
    const { config } = fixture;
    // The kubelet's layout: files are links through `..data`, which links to a timestamped directory.
    const publish = async (index: number): Promise<string> => {
      const stamp = `..2026_11_22_00_00_${String(index).padStart(2, '0')}.000000001`;
      await mkdir(join(config, stamp));
      await writeFile(join(config, stamp, 'default.yaml'), `port: ${index}\n`);
      await writeFile(join(config, stamp, 'production.yaml'), `env: prod-${index}\n`);
      return stamp;
    };
    let current = await publish(99);
    await symlink(current, join(config, '..data'));
    await symlink('..data/default.yaml', join(config, 'default.yaml'));
    await symlink('..data/production.yaml', join(config, 'production.yaml'));

    const context = sourceContext({ cwd: fixture.cwd });
    expect((await fixture.source.load(context)).entries.map((e) => e.value)).toEqual([99, 'prod-99']);
    fixture.handle = fixture.source.watch(context, fixture.signals);
    await fixture.handle.ready;

    await expectOneSignalPerChange(
      fixture,
      async (index) => {
        const next = await publish(index);
        await symlink(next, join(config, '..data_tmp'));
        await rename(join(config, '..data_tmp'), join(config, '..data'));
        await rm(join(config, current), { recursive: true });
        current = next;
      },
      () => 'config/default.yaml changed, config/production.yaml changed',
    );
    expect((await fixture.source.load(context)).entries.map((e) => e.value)).toEqual([10, 'prod-10']);
  });

  it('signals when a new profile file appears, then for each of its edits', async () => {
    const fixture = await setUp({ 'default.yaml': 'port: 1\n' });
    await startWatching(fixture);
    await expectOneSignalPerChange(
      fixture,
      async (index) => {
        await writeFile(join(fixture.config, 'local.yaml'), `port: ${index + 100}\n`);
      },
      (index) => `config/local.yaml ${index === 0 ? 'created' : 'changed'}`,
    );
  });

  it('ignores writes of identical content and files that are not candidates', async () => {
    const fixture = await setUp({ 'default.yaml': 'port: 1\n' });
    await startWatching(fixture);
    for (let index = 0; index < 5; index++) {
      await writeFile(join(fixture.config, 'default.yaml'), 'port: 1\n');
      const temporary = join(fixture.config, 'default.yaml.tmp');
      await writeFile(temporary, 'port: 1\n');
      await rename(temporary, join(fixture.config, 'default.yaml'));
      await writeFile(join(fixture.config, 'notes.txt'), `note ${index}\n`);
      await writeFile(join(fixture.config, 'staging.yaml'), `port: ${index}\n`);
    }
    await pause(500);
    expect(fixture.signals.changes).toEqual([]);
  });

  it('reports an edit made between load() and watch()', async () => {
    const fixture = await setUp({ 'default.yaml': 'port: 1\n' });
    const context = sourceContext({ cwd: fixture.cwd });
    await fixture.source.load(context);
    await writeFile(join(fixture.config, 'default.yaml'), 'port: 2\n');
    fixture.handle = fixture.source.watch(context, fixture.signals);
    await changesReported(fixture.signals, 1);
    expect(fixture.signals.changes).toEqual([{ source: 'file', detail: 'config/default.yaml changed' }]);
    await fixture.source.load(context);
    await pause(300);
    expect(fixture.signals.changes).toHaveLength(1);
  });

  it('takes the current files as the baseline when watching starts before any load', async () => {
    const fixture = await setUp({ 'default.yaml': 'port: 1\n' });
    fixture.handle = fixture.source.watch(sourceContext({ cwd: fixture.cwd }), fixture.signals);
    await fixture.handle.ready;
    expect(fixture.signals.changes).toEqual([]);
    await writeFile(join(fixture.config, 'default.yaml'), 'port: 2\n');
    await changesReported(fixture.signals, 1);
    expect(fixture.signals.changes).toEqual([{ source: 'file', detail: 'config/default.yaml changed' }]);
  });

  it('finds changes by polling where no event can arrive, then re-arms the watcher', async () => {
    const fixture = await setUp({}, { pollIntervalMs: 100, optional: true });
    await rm(fixture.config, { recursive: true });
    await startWatching(fixture);
    // The directory does not exist yet, so nothing can be watched: only the poll can see this.
    await mkdir(fixture.config);
    await writeFile(join(fixture.config, 'default.yaml'), 'port: 1\n');
    await changesReported(fixture.signals, 1);
    expect(fixture.signals.changes[0]).toEqual({ source: 'file', detail: 'config/default.yaml created' });
    for (let index = 2; index <= 6; index++) {
      // Whole-file replacement (as editors and deploy tools do): an in-place write can be seen half done by a
      // poll (an empty file, then the new one) and rightly counted as two changes.
      const temporary = join(fixture.config, 'default.yaml.tmp');
      await writeFile(temporary, `port: ${index}\n`);
      await rename(temporary, join(fixture.config, 'default.yaml'));
      await changesReported(fixture.signals, index);
    }
    await pause(300);
    expect(fixture.signals.changes).toHaveLength(6);
  });

  it('keeps nothing alive: its timers are unref()ed and its file-system watchers are not persistent', async () => {
    const fixture = await setUp({ 'default.yaml': 'port: 1\n' }, { pollIntervalMs: 50 });
    // Record the timers created from the watcher's own code (chokidar's short internal timers are not ours).
    const ours: NodeJS.Timeout[] = [];
    const record = <T extends (...args: never[]) => NodeJS.Timeout>(real: T) =>
      ((...args: Parameters<T>) => {
        const timer = real(...args);
        if (new Error().stack?.includes('directory-watcher')) ours.push(timer);
        return timer;
      }) as unknown as T;
    const realTimeout = record(globalThis.setTimeout);
    const realInterval = record(globalThis.setInterval);
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(realTimeout as typeof setTimeout);
    vi.spyOn(globalThis, 'setInterval').mockImplementation(realInterval as typeof setInterval);
    try {
      await startWatching(fixture);
      await writeFile(join(fixture.config, 'default.yaml'), 'port: 2\n');
      await changesReported(fixture.signals, 1);
    } finally {
      vi.restoreAllMocks();
    }
    expect(ours.length).toBeGreaterThanOrEqual(2);
    expect(ours.filter((timer) => timer.hasRef())).toEqual([]);
    expect(process.getActiveResourcesInfo().filter((kind) => kind === 'FSEventWrap')).toEqual([]);
  });

  it('stops signalling after dispose, and the source closes watchers it still has', async () => {
    const fixture = await setUp({ 'default.yaml': 'port: 1\n' }, { pollIntervalMs: 50 });
    const handle = await startWatching(fixture);
    handle.dispose();
    const context = sourceContext({ cwd: fixture.cwd });
    const second = fixture.source.watch(context, fixture.signals);
    await second.ready;
    await fixture.source.dispose();
    await writeFile(join(fixture.config, 'default.yaml'), 'port: 2\n');
    await pause(300);
    expect(fixture.signals.changes).toEqual([]);
  });

  it('watches one explicit file through its directory', async () => {
    const { dir: cwd, cleanup } = await tempDir('strata-file-');
    cleanups.push(cleanup);
    await writeFile(join(cwd, 'settings.yaml'), 'port: 1\n');
    const source = fileSource({ file: 'settings.yaml', pollIntervalMs: 0 });
    const fixture: Fixture = { cwd, config: cwd, source, signals: recordingSignals() };
    open.push(fixture);
    await startWatching(fixture);
    await expectOneSignalPerChange(
      fixture,
      async (index) => {
        await writeFile(join(cwd, 'settings.yaml.tmp'), `port: ${index + 2}\n`);
        await rename(join(cwd, 'settings.yaml.tmp'), join(cwd, 'settings.yaml'));
        await writeFile(join(cwd, 'other.yaml'), `noise: ${index}\n`);
      },
      () => 'settings.yaml changed',
    );
  });

  it('in discovery, watches the found file and the places that would win over it', async () => {
    const { dir: cwd, cleanup } = await tempDir('strata-file-');
    cleanups.push(cleanup);
    await writeFile(join(cwd, '.myapprc.yaml'), 'port: 1\n');
    const source = fileSource({ discover: { name: 'myapp' }, pollIntervalMs: 0 });
    const fixture: Fixture = { cwd, config: cwd, source, signals: recordingSignals() };
    open.push(fixture);
    await startWatching(fixture);
    const context = sourceContext({ cwd: cwd });

    await writeFile(join(cwd, '.myapprc.yaml'), 'port: 2\n');
    await changesReported(fixture.signals, 1);
    expect(fixture.signals.changes[0]?.detail).toBe('.myapprc.yaml changed');
    await source.load(context);

    // Searched after .myapprc.yaml: cannot change the result, so no signal.
    await writeFile(join(cwd, 'myapp.config.json'), '{ "port": 3 }\n');
    await pause(300);
    expect(fixture.signals.changes).toHaveLength(1);

    // Searched before it: takes over.
    await writeFile(join(cwd, '.myapprc'), 'port: 4\n');
    await changesReported(fixture.signals, 2);
    expect(fixture.signals.changes[1]?.detail).toBe('.myapprc created');
    const layer = await source.load(context);
    expect(layer.entries.map((e) => `${e.value} @ ${e.origin.locator}`)).toEqual(['4 @ .myapprc:1:7']);
    await pause(300);
    expect(fixture.signals.changes).toHaveLength(2);
  });
});

/** Resolves once `count` changes were reported in total. */
function changesReported(signals: RecordingSignals, count: number): Promise<unknown> {
  return waitFor(`${count} change signal(s)`, () => signals.changes.length >= count, { timeoutMs: 5000 });
}
