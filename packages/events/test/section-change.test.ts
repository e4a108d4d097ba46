import type { Change, ChangedEvent } from '@strata/core';
import { StrataError } from '@strata/core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createEventBridge } from '../src/index.js';
import type { ListenerErrorContext } from '../src/index.js';
import { loadTestConfig } from './support/load.js';
import { DatabaseConfig, PoolConfig, SECRET, ServerConfig } from './support/sections.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('onSectionChange', () => {
  test('fires for its own section with the new and previous frozen instances and only its changes', async () => {
    const { config, source } = await loadTestConfig();
    const bridge = createEventBridge(config);
    const before = config.snapshot;
    const calls: { next: DatabaseConfig; prev: DatabaseConfig; diff: readonly Change[] }[] = [];
    bridge.onSectionChange(DatabaseConfig, (next, prev, diff) => {
      calls.push({ next, prev, diff });
    });

    source.set('database.port', 6543);
    source.set('server.greeting', 'bonjour');
    await config.reload();

    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call!.next).toBe(config.snapshot.get(DatabaseConfig));
    expect(call!.prev).toBe(before.get(DatabaseConfig));
    expect(call!.next.port).toBe(6543);
    expect(call!.prev.port).toBe(5432);
    expect(Object.isFrozen(call!.next)).toBe(true);
    expect(call!.diff.map((change) => change.path)).toEqual(['database.port']);
  });

  test('does not fire for changes in other sections', async () => {
    const { config, source } = await loadTestConfig();
    const bridge = createEventBridge(config);
    const database = vi.fn();
    const server = vi.fn();
    bridge.onSectionChange(DatabaseConfig, database);
    bridge.onSectionChange(ServerConfig, server);

    source.set('server.greeting', 'hola');
    await config.reload();

    expect(database).not.toHaveBeenCalled();
    expect(server).toHaveBeenCalledTimes(1);
    expect(server.mock.calls[0]![0].greeting).toBe('hola');
  });

  test('a nested class fires for changes under its path only; its section fires too', async () => {
    const { config, source } = await loadTestConfig();
    const bridge = createEventBridge(config);
    const pool = vi.fn();
    const database = vi.fn();
    bridge.onSectionChange(PoolConfig, pool);
    bridge.onSectionChange(DatabaseConfig, database);

    source.set('database.host', 'db.internal');
    await config.reload();
    expect(pool).not.toHaveBeenCalled();
    expect(database).toHaveBeenCalledTimes(1);

    source.set('database.pool.size', 20);
    await config.reload();
    expect(pool).toHaveBeenCalledTimes(1);
    const [next, prev, diff] = pool.mock.calls[0]! as [PoolConfig, PoolConfig, Change[]];
    expect(next).toBe(config.get(PoolConfig));
    expect([prev.size, next.size]).toEqual([5, 20]);
    expect(diff).toEqual([expect.objectContaining({ path: 'database.pool.size', before: 5, after: 20 })]);
    expect(database).toHaveBeenCalledTimes(2);
  });

  test('prev is the snapshot the change replaced, even after changes elsewhere', async () => {
    const { config, source } = await loadTestConfig();
    const bridge = createEventBridge(config);
    const prevs: DatabaseConfig[] = [];
    bridge.onSectionChange(DatabaseConfig, (_next, prev) => {
      prevs.push(prev);
    });
    source.set('server.port', 9000);
    await config.reload();
    const beforeDatabaseChange = config.snapshot;
    source.set('database.host', 'other');
    await config.reload();
    expect(prevs).toEqual([beforeDatabaseChange.get(DatabaseConfig)]);
    expect(prevs[0]).toBe(beforeDatabaseChange.get(DatabaseConfig));
  });

  test('does not fire for a rejected change, and fires for the next valid one', async () => {
    const { config, source } = await loadTestConfig();
    const bridge = createEventBridge(config);
    const database = vi.fn();
    const rejected = vi.fn();
    bridge.onSectionChange(DatabaseConfig, database);
    bridge.on('rejected', rejected);

    source.set('database.port', 'not a number');
    const result = await config.reload();
    expect(result.status).toBe('rejected');
    expect(rejected).toHaveBeenCalledTimes(1);
    expect(database).not.toHaveBeenCalled();

    source.set('database.port', 7000);
    await config.reload();
    expect(database).toHaveBeenCalledTimes(1);
    expect(database.mock.calls[0]![1].port).toBe(5432);
  });

  test('a secret change fires with its value redacted in the diff, readable on the instance', async () => {
    const { config, source } = await loadTestConfig();
    const bridge = createEventBridge(config);
    const listener = vi.fn();
    bridge.onSectionChange(DatabaseConfig, listener);
    source.set('database.password', 'rotated-password');
    await config.reload();
    const [next, prev, diff] = listener.mock.calls[0]! as [DatabaseConfig, DatabaseConfig, Change[]];
    expect(diff).toEqual([
      expect.objectContaining({ path: 'database.password', before: '[redacted]', after: '[redacted]' }),
    ]);
    expect([prev.password, next.password]).toEqual([SECRET, 'rotated-password']);
    expect(JSON.stringify(diff)).not.toContain(SECRET);
  });

  test('unsubscribe stops one listener and leaves the others', async () => {
    const { config, source } = await loadTestConfig();
    const bridge = createEventBridge(config);
    const first = vi.fn();
    const second = vi.fn();
    const stop = bridge.onSectionChange(DatabaseConfig, first);
    bridge.onSectionChange(DatabaseConfig, second);
    stop();
    stop.dispose();
    source.set('database.port', 1111);
    await config.reload();
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  test('a class the configuration does not hold is refused at subscription', async () => {
    const { config } = await loadTestConfig();
    const bridge = createEventBridge(config);
    class Unrelated {}
    expect(() => bridge.onSectionChange(Unrelated, () => undefined)).toThrowError(
      /Unrelated is not a configuration class/,
    );
    try {
      bridge.onSectionChange(Unrelated, () => undefined);
    } catch (error) {
      expect(StrataError.is(error, 'DEFINITION_INVALID')).toBe(true);
    }
  });
});

describe('listener errors', () => {
  test('a throwing listener is reported and neither the reload nor the other listeners notice', async () => {
    const { config, source } = await loadTestConfig();
    const reported: { error: unknown; context: ListenerErrorContext }[] = [];
    const bridge = createEventBridge(config, {
      onListenerError: (error, context) => reported.push({ error, context }),
    });
    const after = vi.fn();
    const onChanged = vi.fn();
    bridge.onSectionChange(DatabaseConfig, () => {
      throw new Error('listener bug');
    });
    bridge.onSectionChange(DatabaseConfig, after);
    bridge.on('changed', () => {
      throw new Error('changed bug');
    });
    bridge.on('changed', onChanged);

    source.set('database.port', 2222);
    const result = await config.reload();

    expect(result.status).toBe('changed');
    expect(config.get(DatabaseConfig).port).toBe(2222);
    expect(after).toHaveBeenCalledTimes(1);
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(reported.map((r) => [(r.error as Error).message, r.context])).toEqual([
      ['listener bug', { event: 'changed', listener: 'onSectionChange(DatabaseConfig)' }],
      ['changed bug', { event: 'changed', listener: 'on(changed)' }],
    ]);
  });

  test('a rejected promise from an async listener is reported too', async () => {
    const { config, source } = await loadTestConfig();
    const reported: unknown[] = [];
    const bridge = createEventBridge(config, { onListenerError: (error) => reported.push(error) });
    bridge.onSectionChange(ServerConfig, async () => {
      throw new Error('async bug');
    });
    source.set('server.port', 8181);
    await config.reload();
    await new Promise((resolve) => setImmediate(resolve));
    expect(reported).toEqual([new Error('async bug')]);
  });

  test('without a handler the error goes to console.error; a throwing handler falls back to it', async () => {
    const { config, source } = await loadTestConfig();
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    createEventBridge(config).on('changed', () => {
      throw new Error('default handler');
    });
    createEventBridge(config, {
      onListenerError: () => {
        throw new Error('handler bug');
      },
    }).on('changed', () => {
      throw new Error('fallback');
    });
    source.set('server.port', 8282);
    expect((await config.reload()).status).toBe('changed');
    expect(consoleError).toHaveBeenCalledTimes(2);
    expect(consoleError.mock.calls.map((call) => call[0])).toEqual([
      expect.stringContaining('on(changed) threw while handling "changed"'),
      expect.stringContaining('on(changed) threw while handling "changed"'),
    ]);
    expect(consoleError.mock.calls.map((call) => (call[1] as Error).message)).toEqual([
      'default handler',
      'fallback',
    ]);
  });
});

describe('typed events and dispose', () => {
  test('on/once re-emit the configuration events with their payloads', async () => {
    const { config, source } = await loadTestConfig();
    const bridge = createEventBridge(config);
    const changed: ChangedEvent[] = [];
    const first = vi.fn();
    bridge.on('changed', (event) => changed.push(event));
    bridge.once('changed', first);
    source.set('server.port', 1);
    await config.reload();
    source.set('server.port', 2);
    await config.reload();
    expect(changed.map((event) => [event.generation, event.previousGeneration])).toEqual([
      [2, 1],
      [3, 2],
    ]);
    expect(first).toHaveBeenCalledTimes(1);
  });

  test('restartRequired, sourceFailed and sourceRecovered come through', async () => {
    const { config, source } = await loadTestConfig();
    const bridge = createEventBridge(config);
    const seen: string[] = [];
    bridge.on('restartRequired', (event) => seen.push(`restart ${event.paths.join(',')}`));
    bridge.on('sourceFailed', (event) => seen.push(`failed ${event.source} ${event.error.code}`));
    bridge.on('sourceRecovered', (event) => seen.push(`recovered ${event.source}`));
    source.set('server.workers', 8);
    await config.reload();
    source.failing = true;
    await config.reload();
    source.failing = false;
    await config.reload();
    // Core repeats restartRequired at each reload while the pinned value still differs; count kinds, not repeats.
    expect([...new Set(seen)]).toEqual([
      'restart server.workers',
      'failed test SOURCE_FAILED',
      'recovered test',
    ]);
  });

  test('dispose ends every subscription: no listener is called afterwards', async () => {
    const { config, source } = await loadTestConfig();
    const bridge = createEventBridge(config);
    const listeners = [vi.fn(), vi.fn(), vi.fn(), vi.fn()];
    bridge.on('changed', listeners[0]!);
    bridge.on('rejected', listeners[1]!);
    bridge.onSectionChange(DatabaseConfig, listeners[2]!);
    bridge.forward({ emit: listeners[3]! });
    const independent = vi.fn();
    config.on('changed', independent);

    bridge.dispose();
    bridge.dispose();
    source.set('database.port', 3333);
    await config.reload();
    source.set('database.port', 'bad');
    await config.reload();

    for (const listener of listeners) expect(listener).not.toHaveBeenCalled();
    expect(independent).toHaveBeenCalledTimes(1);
    expect(() => bridge.on('changed', () => undefined)).toThrowError(/disposed/);
  });
});
