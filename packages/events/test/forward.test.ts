import { EventEmitter as NodeEmitter } from 'node:events';
import { inspect } from 'node:util';
import type { ChangedEvent, RejectedEvent } from '@strata/core';
import { ConfigValidationError } from '@strata/core';
import { EventEmitter as EventEmitter3 } from 'eventemitter3';
import { describe, expect, test, vi } from 'vitest';
import type { ChangedMessage, ConfigEventType } from '../src/index.js';
import { createEventBridge } from '../src/index.js';
import { loadTestConfig } from './support/load.js';
import { SECRET } from './support/sections.js';

describe('forward', () => {
  test("to Node's EventEmitter with an object map; unlisted events keep their names", async () => {
    const { config, source } = await loadTestConfig();
    const bus = new NodeEmitter();
    const changed: ChangedEvent[] = [];
    const rejected: RejectedEvent[] = [];
    bus.on('config:changed', (event: ChangedEvent) => changed.push(event));
    bus.on('rejected', (event: RejectedEvent) => rejected.push(event));
    createEventBridge(config).forward(bus, { map: { changed: 'config:changed' } });

    source.set('database.port', 4000);
    source.set('database.password', 'next-password');
    await config.reload();
    source.set('database.port', 'four thousand');
    await config.reload();

    expect(changed).toHaveLength(1);
    expect(changed[0]!.diff.map((change) => change.path)).toEqual(['database.port', 'database.password']);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.error).toBeInstanceOf(ConfigValidationError);
    for (const payload of [...changed, ...rejected]) {
      expect(JSON.stringify(payload)).not.toContain(SECRET);
      expect(inspect(payload, { depth: 10 })).not.toContain(SECRET);
      expect(JSON.stringify(payload)).not.toContain('next-password');
    }
  });

  test("a typed emitter's own event names are the only names the map accepts", async () => {
    const { config, source } = await loadTestConfig();
    interface AppEvents {
      'config:changed': [ChangedEvent];
      'config:rejected': [RejectedEvent];
    }
    const bus = new NodeEmitter<AppEvents>();
    const changed: ChangedEvent[] = [];
    bus.on('config:changed', (event) => changed.push(event));
    const bridge = createEventBridge(config);
    bridge.forward(bus, {
      map: { changed: 'config:changed', rejected: 'config:rejected' },
      events: ['changed', 'rejected'],
    });
    // @ts-expect-error 'config:chnaged' is not an event of AppEvents
    expect(() => bridge.forward(bus, { map: { changed: 'config:chnaged' }, events: [] })).not.toThrow();
    const bus3 = new EventEmitter3<{ 'cfg:changed': (event: ChangedEvent) => void }>();
    // @ts-expect-error eventemitter3's declared names are checked the same way
    bridge.forward(bus3, { map: { changed: 'cfg:chnged' }, events: [] });
    const custom = { emit: (_name: 'a' | 'b', _payload: unknown) => true };
    // @ts-expect-error so are the literal names of any emit(name, payload)
    bridge.forward(custom, { map: () => 'c' as const, events: [] });
    // An untyped emitter takes any name.
    bridge.forward(new NodeEmitter(), { map: { changed: 'whatever' }, events: [] });

    source.set('database.port', 4001);
    await config.reload();
    expect(changed).toHaveLength(1);
  });

  test('to eventemitter3 with a function map; undefined leaves an event out', async () => {
    const { config, source } = await loadTestConfig();
    const bus = new EventEmitter3();
    const names: string[] = [];
    for (const name of [
      'config.changed',
      'config.rejected',
      'config.sourceFailed',
      'config.sourceRecovered',
    ]) {
      bus.on(name, () => names.push(name));
    }
    createEventBridge(config).forward(bus, {
      map: (type: ConfigEventType) => (type === 'rejected' ? undefined : `config.${type}`),
    });

    source.set('server.port', 8001);
    await config.reload();
    source.set('server.port', 'x');
    await config.reload();
    source.failing = true;
    await config.reload();
    source.failing = false;
    source.set('server.port', 8002);
    await config.reload();

    expect(names).toEqual([
      'config.changed',
      'config.sourceFailed',
      'config.sourceRecovered',
      'config.changed',
    ]);
  });

  test('to a typed application bus (eventemitter3 with an event map)', async () => {
    const { config, source } = await loadTestConfig();
    const bus = new EventEmitter3<{ 'config:changed': (event: ChangedEvent) => void }>();
    const generations: number[] = [];
    bus.on('config:changed', (event) => generations.push(event.generation));
    createEventBridge(config).forward(bus, { map: { changed: 'config:changed' }, events: ['changed'] });
    source.set('server.port', 8004);
    await config.reload();
    expect(generations).toEqual([2]);
  });

  test('events limits what is forwarded; payload "message" sends the JSON-safe form', async () => {
    const { config, source } = await loadTestConfig();
    const emit = vi.fn();
    createEventBridge(config, { instanceId: 'svc-1' }).forward(
      { emit },
      { events: ['changed'], payload: 'message' },
    );
    source.set('database.password', 'another-password');
    source.set('database.pool.size', 9);
    await config.reload();
    source.set('database.port', 'nope');
    await config.reload();

    expect(emit).toHaveBeenCalledTimes(1);
    const [name, message] = emit.mock.calls[0]! as [string, ChangedMessage];
    expect(name).toBe('changed');
    expect(message).toMatchObject({
      format: 'strata.config-event/1',
      type: 'changed',
      sender: 'svc-1',
      environment: 'development',
      generation: 2,
      previousGeneration: 1,
    });
    expect(message.diff).toEqual([
      {
        path: 'database.password',
        before: '[redacted]',
        after: '[redacted]',
        secret: true,
        origin: { source: 'test', locator: 'test:database.password' },
      },
      {
        path: 'database.pool.size',
        before: 5,
        after: 9,
        secret: false,
        origin: { source: 'test', locator: 'test:database.pool.size' },
      },
    ]);
    expect(JSON.parse(JSON.stringify(message))).toEqual(message);
    expect(JSON.stringify(message)).not.toContain(SECRET);
  });

  test('a target that throws is reported; the reload and other targets carry on', async () => {
    const { config, source } = await loadTestConfig();
    const reported: string[] = [];
    const bridge = createEventBridge(config, {
      onListenerError: (error, context) => reported.push(`${context.listener}: ${(error as Error).message}`),
    });
    // Node's EventEmitter throws for an `error` event nobody listens to.
    bridge.forward(new NodeEmitter(), { map: { rejected: 'error' }, events: ['rejected'] });
    const other = vi.fn();
    bridge.forward({ emit: other }, { events: ['rejected'] });

    source.set('server.port', 'bad');
    const result = await config.reload();

    expect(result.status).toBe('rejected');
    expect(other).toHaveBeenCalledTimes(1);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatch(/^forward\(rejected → error\): /);
  });

  test('unsubscribe stops forwarding; bad options are refused', async () => {
    const { config, source } = await loadTestConfig();
    const bridge = createEventBridge(config);
    const emit = vi.fn();
    const stop = bridge.forward({ emit });
    stop();
    source.set('server.port', 8003);
    await config.reload();
    expect(emit).not.toHaveBeenCalled();

    expect(() => bridge.forward({ emit }, { events: ['change' as ConfigEventType] })).toThrowError(
      /"change" is not a configuration event/,
    );
    expect(() => bridge.forward({} as never)).toThrowError(/no emit\(name, payload\) method/);
  });
});
