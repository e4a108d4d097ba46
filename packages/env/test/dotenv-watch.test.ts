import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigSource, Disposable, SourceContext } from '@strata/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  pause,
  recordingSignals,
  schemaOf,
  sourceContext,
  triples,
  waitFor,
} from '@strata-internal/test-support';
import { dotenvSource } from '../src/index.js';

const schema = schemaOf({ sections: { server: ['port', 'host'] } });

describe('dotenvSource watch (real files)', () => {
  let dir: string;
  let context: SourceContext;
  let watching: Disposable | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'strata-dotenv-watch-'));
    writeFileSync(join(dir, '.env'), 'APP_SERVER__PORT=1\n');
    context = sourceContext({ schema, cwd: dir, environment: 'test' });
  });
  afterEach(() => {
    watching?.dispose();
    watching = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(source: ConfigSource = dotenvSource({ prefix: 'APP_', pollInterval: 0 })) {
    await source.load(context);
    const signals = recordingSignals();
    watching = source.watch?.(context, signals);
    await pause(100);
    return { source, signals };
  }

  it('signals exactly once per content change, and load() then reads the new value', async () => {
    const { source, signals } = await start();
    writeFileSync(join(dir, '.env'), 'APP_SERVER__PORT=2\n');
    await waitFor('the change signals', () => signals.changes.length > 0, {
      timeoutMs: 5000,
      intervalMs: 20,
    });
    await pause(300);
    expect(signals.changes).toEqual([{ source: 'dotenv', detail: '.env changed' }]);
    expect(triples(await source.load(context))).toEqual([['SERVER.PORT', '2', '.env:1']]);
  });

  it('ignores a save of identical content and files it does not read', async () => {
    const { signals } = await start();
    writeFileSync(join(dir, '.env'), 'APP_SERVER__PORT=1\n');
    writeFileSync(join(dir, 'unrelated.txt'), 'x');
    writeFileSync(join(dir, '.env.production'), 'APP_SERVER__PORT=9\n');
    await pause(300);
    writeFileSync(join(dir, '.env.test'), 'APP_SERVER__HOST=h\n');
    await waitFor('the change signals', () => signals.changes.length > 0, {
      timeoutMs: 5000,
      intervalMs: 20,
    });
    await pause(300);
    expect(signals.changes).toEqual([{ source: 'dotenv', detail: '.env.test changed' }]);
  });

  it('follows a rename-over save, a file created later and a deleted file', async () => {
    const { signals } = await start();
    writeFileSync(join(dir, '.env.tmp'), 'APP_SERVER__PORT=3\n');
    renameSync(join(dir, '.env.tmp'), join(dir, '.env'));
    await waitFor('the change signals', () => signals.changes.length === 1, {
      timeoutMs: 5000,
      intervalMs: 20,
    });
    writeFileSync(join(dir, '.env.local'), 'APP_SERVER__HOST=local\n');
    await waitFor('the change signals', () => signals.changes.length === 2, {
      timeoutMs: 5000,
      intervalMs: 20,
    });
    unlinkSync(join(dir, '.env'));
    await waitFor('the change signals', () => signals.changes.length === 3, {
      timeoutMs: 5000,
      intervalMs: 20,
    });
    await pause(300);
    expect(signals.changes.map((c) => c.detail)).toEqual([
      '.env changed',
      '.env.local changed',
      '.env changed',
    ]);
  });

  it('reports a change made between load() and watch()', async () => {
    const source = dotenvSource({ prefix: 'APP_', pollInterval: 0 });
    await source.load(context);
    writeFileSync(join(dir, '.env'), 'APP_SERVER__PORT=4\n');
    const signals = recordingSignals();
    watching = source.watch?.(context, signals);
    await waitFor('the change signals', () => signals.changes.length > 0, {
      timeoutMs: 5000,
      intervalMs: 20,
    });
    await pause(300);
    expect(signals.changes).toHaveLength(1);
  });

  it('watches a directory that appears later through the backstop poll', async () => {
    const source = dotenvSource({ prefix: 'APP_', dir: 'later', pollInterval: 100 });
    await source.load(context);
    const signals = recordingSignals();
    watching = source.watch?.(context, signals);
    await pause(150);
    mkdirSync(join(dir, 'later'));
    writeFileSync(join(dir, 'later', '.env'), 'APP_SERVER__PORT=5\n');
    await waitFor('the change signals', () => signals.changes.length > 0, {
      timeoutMs: 5000,
      intervalMs: 20,
    });
    await pause(300);
    expect(signals.changes).toEqual([{ source: 'dotenv', detail: 'later/.env changed' }]);
    // Armed by now: a later change is seen as well.
    writeFileSync(join(dir, 'later', '.env'), 'APP_SERVER__PORT=6\n');
    await waitFor('the change signals', () => signals.changes.length === 2, {
      timeoutMs: 5000,
      intervalMs: 20,
    });
  });

  it('stops after dispose', async () => {
    const { signals } = await start(dotenvSource({ prefix: 'APP_', pollInterval: 50 }));
    watching?.dispose();
    watching = undefined;
    writeFileSync(join(dir, '.env'), 'APP_SERVER__PORT=7\n');
    await pause(300);
    expect(signals.changes).toEqual([]);
  });
});
