import { IsInt, IsString, Max, Min } from 'class-validator';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ChangedEvent,
  type ConfigEvent,
  type ConfigSource,
  type Config,
  ConfigValidationError,
  ParseError,
  Reloadable,
  Secret,
  Section,
  SourceError,
  StrataError,
  type SourceSignals,
  loadConfig,
} from '@strata/core';
import { LayerBuilder } from '@strata/core/source';
import { fixedSource } from '@strata-internal/test-support';

@Section('server')
class ServerConfig {
  @IsInt() @Min(1) @Max(65535) port = 8080;
  @Reloadable(false) @IsString() host = '0.0.0.0';
}

@Section('db')
class DbConfig {
  @Secret() @IsString() password = 'initial-secret';
}

const open: Config[] = [];
afterEach(async () => {
  for (const config of open.splice(0)) await config.close();
});

async function start(...sources: ConfigSource[]) {
  const config = await loadConfig({ sections: [ServerConfig, DbConfig], sources }, { debounceMs: 20 });
  open.push(config);
  const events: ConfigEvent[] = [];
  for (const type of ['changed', 'rejected', 'restartRequired', 'sourceFailed', 'sourceRecovered'] as const) {
    config.on(type, (event) => events.push(event));
  }
  return { config, events };
}

describe('reload transaction', () => {
  it('swaps in a validated snapshot with generation N+1 and a diff', async () => {
    const file = fixedSource('file', { 'server.port': 1000 });
    const { config, events } = await start(file);
    const before = config.snapshot;
    file.values = { 'server.port': 2000 };
    const result = await config.reload();
    expect(result).toMatchObject({ status: 'changed', generation: 2 });
    expect(config.get(ServerConfig).port).toBe(2000);
    expect(before.get(ServerConfig).port).toBe(1000); // an old snapshot never changes
    expect(events).toEqual([
      {
        type: 'changed',
        generation: 2,
        previousGeneration: 1,
        diff: [
          {
            path: 'server.port',
            before: 1000,
            after: 2000,
            origin: { source: 'file', locator: 'server.port' },
            secret: false,
          },
        ],
        reasons: [{ source: 'reload', detail: 'reload() called' }],
      },
    ]);
  });

  it("explains an old snapshot with its own generation's candidates after a reload", async () => {
    const file = fixedSource('file', { 'server.port': 1000 });
    const env = fixedSource('env', { 'server.port': '3000' }, { textual: true });
    const { config } = await start(file, env);
    const before = config.snapshot;
    file.values = { 'server.port': 2000 };
    env.values = { 'server.port': '4000' };
    expect(await config.reload()).toMatchObject({ status: 'changed', generation: 2 });
    // The first generation is explained only now, after its layers were replaced by newer ones.
    expect(before.explain('server.port')?.candidates).toEqual([
      { origin: { source: 'file', locator: 'server.port' }, value: 1000, winner: false },
      { origin: { source: 'env', locator: 'server.port' }, value: '3000', winner: true },
    ]);
    expect(config.explain('server.port')?.candidates).toEqual([
      { origin: { source: 'file', locator: 'server.port' }, value: 2000, winner: false },
      { origin: { source: 'env', locator: 'server.port' }, value: '4000', winner: true },
    ]);
  });

  it('stops a subscription by calling its handle or disposing it, once either way', async () => {
    const file = fixedSource('file', { 'server.port': 1000 });
    const { config } = await start(file);
    const called: string[] = [];
    const byCall = config.on('changed', () => called.push('call'));
    const byDispose = config.on('changed', () => called.push('dispose'));
    file.values = { 'server.port': 2000 };
    await config.reload();
    byCall();
    byDispose.dispose();
    byDispose(); // a second stop is harmless
    file.values = { 'server.port': 3000 };
    await config.reload();
    expect(called).toEqual(['call', 'dispose']);
  });

  it('rejects an invalid change and keeps the last good snapshot', async () => {
    const file = fixedSource('file', { 'server.port': 1000 });
    const { config, events } = await start(file);
    file.values = { 'server.port': 70000 };
    const result = await config.reload();
    expect(result.status).toBe('rejected');
    expect(result.error).toBeInstanceOf(ConfigValidationError);
    expect(config.generation).toBe(1);
    expect(config.get(ServerConfig).port).toBe(1000);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'rejected', generation: 1 });
    expect((events[0] as { error: Error }).error.message).toContain(
      'server.port: must not be greater than 65535 — got 70000 from file server.port',
    );
    // Fixing it applies.
    file.values = { 'server.port': 3000 };
    expect((await config.reload()).status).toBe('changed');
    expect(config.get(ServerConfig).port).toBe(3000);
  });

  it('emits nothing for identical content', async () => {
    const file = fixedSource('file', { 'server.port': 1000 });
    const { config, events } = await start(file);
    expect(await config.reload()).toMatchObject({ status: 'unchanged', generation: 1 });
    expect(events).toEqual([]);
  });

  it('keeps @Reloadable(false) values until restart, applies the rest, and says so', async () => {
    const file = fixedSource('file', { 'server.port': 1000, 'server.host': 'a' });
    const { config, events } = await start(file);
    file.values = { 'server.port': 2000, 'server.host': 'b' };
    await config.reload();
    expect(config.get(ServerConfig)).toMatchObject({ port: 2000, host: 'a' });
    expect(events.map((e) => e.type)).toEqual(['restartRequired', 'changed']);
    expect(events[0]).toEqual({ type: 'restartRequired', generation: 1, paths: ['server.host'] });
    expect((events[1] as ChangedEvent).diff.map((c) => c.path)).toEqual(['server.port']);
  });

  it('announces restart-required paths once, not on every later reload', async () => {
    const file = fixedSource('file', { 'server.port': 1000, 'server.host': 'a' });
    const { config, events } = await start(file);
    file.values = { 'server.port': 2000, 'server.host': 'b' };
    await config.reload();
    file.values = { 'server.port': 3000, 'server.host': 'b' };
    await config.reload();
    expect(events.filter((e) => e.type === 'restartRequired')).toHaveLength(1);
    expect(config.awaitingRestart).toEqual(['server.host']);
    file.values = { 'server.port': 3000, 'server.host': 'a' };
    await config.reload();
    expect(config.awaitingRestart).toEqual([]);
  });

  it('keeps going when a listener throws: the swap stands and other listeners run', async () => {
    const file = fixedSource('file', { 'server.port': 1000 });
    const errors: string[] = [];
    const config = await loadConfig(
      { sections: [ServerConfig, DbConfig], sources: [file] },
      { logger: { debug() {}, info() {}, warn() {}, error: (m) => errors.push(m) } },
    );
    open.push(config);
    const seen: number[] = [];
    config.on('changed', () => {
      throw new Error('listener bug');
    });
    config.once('changed', (e) => seen.push(e.generation));
    file.values = { 'server.port': 2000 };
    await expect(config.reload()).resolves.toMatchObject({ status: 'changed' });
    file.values = { 'server.port': 3000 };
    await config.reload();
    expect(seen).toEqual([2]);
    expect(errors).toEqual([
      'A "changed" listener threw: listener bug',
      'A "changed" listener threw: listener bug',
    ]);
    expect(config.closed).toBe(false);
  });

  it('redacts secrets in change events', async () => {
    const file = fixedSource('file', { 'db.password': 'first-secret' });
    const { config, events } = await start(file);
    file.values = { 'db.password': 'second-secret' };
    await config.reload();
    const text = JSON.stringify(events);
    expect(text).toContain('"path":"db.password"');
    expect(text).not.toContain('first-secret');
    expect(text).not.toContain('second-secret');
    expect(config.get(DbConfig).password).toBe('second-secret');
  });

  it("keeps a failing source's last good values and reports failure and recovery", async () => {
    const remote = fixedSource('remote', { 'server.port': 1111 });
    const { config, events } = await start(fixedSource('file', {}), remote);
    remote.fail = new Error('connection refused');
    expect((await config.reload()).status).toBe('unchanged');
    expect(config.get(ServerConfig).port).toBe(1111);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'sourceFailed', source: 'remote', willRetry: false });
    expect((events[0] as { error: Error }).error).toBeInstanceOf(SourceError);
    remote.fail = undefined;
    remote.values = { 'server.port': 2222 };
    await config.reload();
    expect(events.map((e) => e.type)).toEqual(['sourceFailed', 'sourceRecovered', 'changed']);
  });

  it('treats a parse error during reload as a rejected change', async () => {
    const file = fixedSource('file', { 'server.port': 1000 });
    const { config, events } = await start(file);
    file.fail = new ParseError({
      file: 'config/default.yaml',
      line: 3,
      column: 7,
      reason: 'bad indentation',
    });
    await config.reload();
    expect(events.map((e) => e.type)).toEqual(['rejected']);
    expect((events[0] as { error: Error }).error.message).toContain('config/default.yaml:3:7');
  });

  it('coalesces bursts of change signals into one reload', async () => {
    let signals: SourceSignals | undefined;
    const file = fixedSource('file', { 'server.port': 1000 });
    const watched: ConfigSource = {
      ...file,
      load: (ctx) => file.load(ctx),
      watch: (_ctx, s) => {
        signals = s;
        return { dispose() {} };
      },
    };
    const config = await loadConfig(
      { sections: [ServerConfig, DbConfig], sources: [watched] },
      { watch: true, debounceMs: 30 },
    );
    open.push(config);
    const changed = new Promise<ChangedEvent>((resolve) => config.once('changed', resolve));
    const loadsBefore = file.loads;
    file.values = { 'server.port': 4000 };
    for (let i = 0; i < 5; i++) signals!.changed({ source: 'file', detail: `edit ${i}` });
    const event = await changed;
    expect(file.loads - loadsBefore).toBe(1);
    expect(event.reasons.map((r) => r.detail)).toEqual(['edit 0', 'edit 1', 'edit 2', 'edit 3', 'edit 4']);
    expect(config.generation).toBe(2);
  });

  it('serialises concurrent reloads: readers always see a whole snapshot', async () => {
    const file = fixedSource('file', { 'server.port': 1, 'db.password': 'p1' });
    const { config } = await start(file);
    const results = await Promise.all(
      [2, 3, 4, 5].map((n) => {
        file.values = { 'server.port': n, 'db.password': `p${n}` };
        return config.reload();
      }),
    );
    expect(results.map((r) => r.status)).toEqual(['changed', 'unchanged', 'unchanged', 'unchanged']);
    const snapshot = config.snapshot;
    expect(`p${snapshot.get(ServerConfig).port}`).toBe(snapshot.get(DbConfig).password);
  });

  it('keeps history and rolls back through validation', async () => {
    const file = fixedSource('file', { 'server.port': 1 });
    const config = await loadConfig(
      { sections: [ServerConfig, DbConfig], sources: [file] },
      { historySize: 3 },
    );
    open.push(config);
    for (const port of [2, 3, 4, 5]) {
      file.values = { 'server.port': port };
      await config.reload();
    }
    expect(config.history().map((h) => h.generation)).toEqual([3, 4, 5]);
    expect(config.history()[2]?.diff).toMatchObject([{ path: 'server.port', before: 4, after: 5 }]);
    const result = await config.rollback(3);
    expect(result).toMatchObject({ status: 'changed', generation: 6 });
    expect(config.get(ServerConfig).port).toBe(3);
    await expect(config.rollback(1)).rejects.toThrow(/Generation 1 is not in the history \(kept: 4, 5, 6\)/);
  });

  it('rollback() to a generation it does not hold rejects with UNKNOWN_GENERATION, not CLOSED', async () => {
    const config = await loadConfig({
      sections: [ServerConfig, DbConfig],
      sources: [fixedSource('file', {})],
    });
    open.push(config);
    const error = await config.rollback(42).catch((caught: unknown) => caught);
    expect(StrataError.is(error, 'UNKNOWN_GENERATION')).toBe(true);
    expect(config.closed).toBe(false);
  });

  it('close() stops watchers and refuses further reloads', async () => {
    let disposed = 0;
    const file = fixedSource('file', {});
    const watched: ConfigSource = {
      name: 'file',
      load: (ctx) => file.load(ctx),
      watch: () => ({ dispose: () => void disposed++ }),
      dispose: async () => void disposed++,
    };
    const config = await loadConfig({ sections: [ServerConfig], sources: [watched] }, { watch: true });
    await config.close();
    expect(disposed).toBe(2);
    expect(() => config.reload()).toThrow(/closed/);
    await config.close();
  });

  it('starts without a failing optional source and reports it; fails fast otherwise', async () => {
    const remote = fixedSource('remote', {}, { optional: true });
    remote.fail = new SourceError('remote', 'sealed');
    const config = await loadConfig({ sections: [ServerConfig], sources: [remote] });
    open.push(config);
    expect(config.startupFailures).toMatchObject([{ type: 'sourceFailed', source: 'remote' }]);
    const required = fixedSource('remote', {});
    required.fail = new Error('sealed');
    await expect(loadConfig({ sections: [ServerConfig], sources: [required] })).rejects.toThrow(
      'Source "remote": sealed',
    );
  });

  it('refuses two sources with one name', async () => {
    await expect(
      loadConfig({ sections: [ServerConfig], sources: [fixedSource('a', {}), fixedSource('a', {})] }),
    ).rejects.toThrow(/Two sources are named "a"/);
  });

  it('builds each layer through the LayerBuilder contract', () => {
    expect(new LayerBuilder({ source: 'x' }).build()).toEqual({
      source: 'x',
      entries: [],
      textual: false,
      warnings: [],
    });
  });
});
