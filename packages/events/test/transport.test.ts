import type { ChangedEvent } from '@strata/core';
import { describe, expect, test, vi } from 'vitest';
import type { ChangeTransport, RejectedMessage, TransportMessage } from '../src/index.js';
import {
  createEventBridge,
  createMemoryTransport,
  isTransportMessage,
  toTransportMessage,
} from '../src/index.js';
import { testSource, waitFor } from '@strata-internal/test-support';
import { loadTestConfig, loadWith } from './support/load.js';
import { DatabaseConfig, SECRET } from './support/sections.js';

/** Everything that crossed the transport, as the wire text. */
function recordWire(transport: ChangeTransport): string[] {
  const wire: string[] = [];
  transport.subscribe((message) => wire.push(JSON.stringify(message)));
  return wire;
}

describe('transport', () => {
  test('two configurations linked through the memory transport: B reloads when A reports a change', async () => {
    // One shared backend tree read by two "processes".
    const backend = { database: { password: SECRET, port: 5432 } };
    const configA = await loadWith(testSource(backend, 'shared'));
    const sourceB = testSource(backend, 'shared');
    const configB = await loadWith(sourceB);
    const transport = createMemoryTransport();
    const wire = recordWire(transport);
    const bridgeA = createEventBridge(configA, { instanceId: 'process-a' });
    const bridgeB = createEventBridge(configB, { instanceId: 'process-b' });
    bridgeA.publishTo(transport);
    const received: TransportMessage[] = [];
    bridgeB.receiveFrom(transport, { reload: true, onMessage: (message) => received.push(message) });
    const changedB: ChangedEvent[] = [];
    bridgeB.on('changed', (event) => changedB.push(event));

    backend.database.port = 6000;
    backend.database.password = 'rotated-password';
    const result = await configA.reload({ reason: 'operator edit' });
    expect(result.status).toBe('changed');

    await waitFor("B's changed event", () => changedB.length === 1, { timeoutMs: 5000, intervalMs: 5 });
    expect(configB.get(DatabaseConfig).port).toBe(6000);
    expect(configB.get(DatabaseConfig).password).toBe('rotated-password');
    expect(changedB[0]!.reasons).toEqual([{ source: 'reload', detail: 'process-a published generation 2' }]);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      type: 'changed',
      sender: 'process-a',
      generation: 2,
      previousGeneration: 1,
      reasons: [{ source: 'reload', detail: 'operator edit' }],
    });
    expect(isTransportMessage(received[0])).toBe(true);
    expect(wire).toHaveLength(1);
    for (const text of wire) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('rotated-password');
    }
  });

  test('publishing both ways converges without a loop, and each skips its own messages', async () => {
    const backend = { server: { port: 8080 } };
    const configA = await loadWith(testSource(backend, 'shared'));
    const configB = await loadWith(testSource(backend, 'shared'));
    const transport = createMemoryTransport();
    const wire = recordWire(transport);
    const ownA = vi.fn();
    for (const [config, id] of [
      [configA, 'a'],
      [configB, 'b'],
    ] as const) {
      const bridge = createEventBridge(config, { instanceId: id });
      bridge.publishTo(transport);
      bridge.receiveFrom(transport, { reload: true, ...(id === 'a' ? { onMessage: ownA } : {}) });
    }

    backend.server.port = 9090;
    await configA.reload();
    await waitFor('generation 2 in B', () => configB.generation === 2, { timeoutMs: 5000, intervalMs: 5 });
    // B's change is published back to A, whose reload finds nothing new: no third message. Reloads run one
    // after another, so once a later reload of A has finished, the one B's message started has too.
    await waitFor("A's publish", () => ownA.mock.calls.length === 1, { timeoutMs: 5000, intervalMs: 5 });
    await configA.reload();
    await new Promise((resolve) => setImmediate(resolve));
    expect(wire.map((text) => JSON.parse(text).sender)).toEqual(['a', 'b']);
    expect(configA.generation).toBe(2);
    expect(ownA).toHaveBeenCalledTimes(1);
    expect(ownA.mock.calls[0]![0].sender).toBe('b');
  });

  test('a rejected change travels as { code, message, issues } with the secret redacted', async () => {
    const { config, source } = await loadTestConfig();
    const transport = createMemoryTransport();
    const wire = recordWire(transport);
    const received: TransportMessage[] = [];
    transport.subscribe((message) => received.push(message));
    createEventBridge(config, { instanceId: 'svc' }).publishTo(transport, { events: ['rejected'] });

    source.set('database.password', [SECRET]);
    source.set('database.port', 'many');
    await config.reload();
    await waitFor('one message', () => received.length === 1, { timeoutMs: 5000, intervalMs: 5 });

    const message = received[0] as RejectedMessage;
    expect(message.type).toBe('rejected');
    expect(message.generation).toBe(1);
    expect(message.error.code).toBe('CONFIG_INVALID');
    expect(message.error.name).toBe('ConfigValidationError');
    expect(message.error.message).toContain('database.port');
    expect(message.error.issues?.map((issue) => issue.path).sort()).toEqual([
      'database.password',
      'database.port',
    ]);
    expect(message.error.issues?.find((issue) => issue.path === 'database.password')?.value).toBe(
      '[redacted]',
    );
    expect(Object.keys(message.error).sort()).toEqual(['code', 'issues', 'message', 'name']);
    expect(wire[0]).not.toContain(SECRET);
  });

  test('sourceFailed and sourceRecovered carry the generation in effect', async () => {
    const { config, source } = await loadTestConfig();
    const transport = createMemoryTransport();
    const received: TransportMessage[] = [];
    transport.subscribe((message) => received.push(message));
    createEventBridge(config).publishTo(transport, { events: ['sourceFailed', 'sourceRecovered'] });
    source.failing = true;
    await config.reload();
    source.failing = false;
    await config.reload();
    await waitFor('two messages', () => received.length === 2, { timeoutMs: 5000, intervalMs: 5 });
    expect(received).toEqual([
      expect.objectContaining({
        type: 'sourceFailed',
        source: 'test',
        generation: 1,
        willRetry: false,
        error: expect.objectContaining({ code: 'SOURCE_FAILED', name: 'SourceError' }),
      }),
      expect.objectContaining({ type: 'sourceRecovered', source: 'test', generation: 1 }),
    ]);
  });

  test('transport failures and foreign messages are reported, never thrown at the configuration', async () => {
    const { config, source } = await loadTestConfig();
    const reported: string[] = [];
    const bridge = createEventBridge(config, {
      instanceId: 'me',
      onListenerError: (error, context) => reported.push(`${context.listener}: ${(error as Error).message}`),
    });
    const broken: ChangeTransport = {
      publish: () => Promise.reject(new Error('broker down')),
      subscribe: () => ({ dispose: () => undefined }),
    };
    bridge.publishTo(broken, { events: ['changed'] });
    const transport = createMemoryTransport();
    bridge.receiveFrom(transport);

    source.set('server.port', 8500);
    expect((await config.reload()).status).toBe('changed');
    await transport.publish({ hello: 'world' } as never);
    await waitFor('two reports', () => reported.length === 2, { timeoutMs: 5000, intervalMs: 5 });
    expect(reported).toEqual([
      'publishTo(changed): broker down',
      expect.stringMatching(
        /^receiveFrom: Ignored a transport message that is not a Strata configuration event/,
      ),
    ]);
  });

  test('memory transport: each subscriber gets its own JSON copy; unsubscribe and close', async () => {
    const transport = createMemoryTransport();
    const { config } = await loadTestConfig();
    const message = toTransportMessage(
      { type: 'sourceRecovered', source: 'vault' },
      { sender: 'x', environment: config.environment, generation: 7 },
    );
    const first: TransportMessage[] = [];
    const second: TransportMessage[] = [];
    const stop = transport.subscribe((m) => first.push(m));
    transport.subscribe((m) => second.push(m));
    await transport.publish(message);
    expect(first[0]).toEqual(message);
    expect(first[0]).not.toBe(second[0]);
    stop.dispose();
    await transport.publish(message);
    expect([first.length, second.length]).toEqual([1, 2]);
    transport.close();
    expect(transport.subscribers).toBe(0);
  });

  test('values become JSON-safe: dates, bigints, non-finite numbers', () => {
    const message = toTransportMessage(
      {
        type: 'changed',
        generation: 2,
        previousGeneration: 1,
        reasons: [],
        diff: [
          { path: 'a.when', before: new Date(0), after: undefined, secret: false },
          { path: 'a.big', before: 10n, after: Number.POSITIVE_INFINITY, secret: false },
          { path: 'a.list', before: [1, { x: new Date(1000) }], after: null, secret: false },
          { path: 'a.key', before: 'plain', after: 'leaked?', secret: true },
        ],
      },
      { sender: 's', environment: 'test', generation: 2 },
    );
    expect(message.type === 'changed' && message.diff).toEqual([
      { path: 'a.when', before: '1970-01-01T00:00:00.000Z', secret: false },
      { path: 'a.big', before: '10', after: 'Infinity', secret: false },
      { path: 'a.list', before: [1, { x: '1970-01-01T00:00:01.000Z' }], after: null, secret: false },
      { path: 'a.key', before: '[redacted]', after: '[redacted]', secret: true },
    ]);
  });
});
