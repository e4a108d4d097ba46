import { loadConfig } from '@strata/core';
import { createEventBridge, type TransportMessage } from '@strata/events';
import { recordingLogger, waitFor } from '@strata-internal/test-support';
import { type RedisTestServer, startRedisTestServer } from '@strata-internal/test-support/redis';
import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRedisTransport, type RedisTransport, type RedisTransportOptions } from '../src/index.js';
import { fleetKeyring } from './support/fleet-harness.js';
import { CANARY, sections } from './support/sections.js';
import { storeSource, versionedStore } from './support/store-source.js';

let redis: RedisTestServer;
const open: RedisTransport[] = [];
const keyring = fleetKeyring();
beforeAll(async () => {
  redis = await startRedisTestServer({ args: ['--requirepass', 'default-pw'] });
});
afterAll(async () => {
  for (const transport of open) await transport.close();
  await redis.close();
});

async function transport(options: Partial<RedisTransportOptions> = {}): Promise<RedisTransport> {
  const created = createRedisTransport({
    url: redis.url,
    password: 'default-pw',
    keyring,
    fleet: 'unit',
    stream: { blockMs: 100 },
    ...options,
  });
  open.push(created);
  await created.start();
  return created;
}

describe('RedisTransport', () => {
  test('is a ChangeTransport: a configuration event published by one bridge reaches another process', async () => {
    const [a, b] = [await transport(), await transport()];
    const received: TransportMessage[] = [];
    b.subscribe((message) => received.push(message));
    const store = versionedStore({ port: 8080, greeting: 'x', password: CANARY });
    const config = await loadConfig({ sections, sources: [storeSource(store)] }, { env: {}, argv: [] });
    const bridge = createEventBridge(config, { instanceId: 'a' });
    bridge.publishTo(a);
    store.values.greeting = 'y';
    await config.reload();
    await waitFor('the changed event', () => received[0]);
    expect(received[0]).toMatchObject({ type: 'changed', sender: 'a', generation: 2 });
    await config.close();
  });

  test('replayed, oversized and foreign entries are dropped and counted; a key the keyring lacks does not authenticate', async () => {
    const logger = recordingLogger();
    const receiver = await transport({ logger, maxMessageBytes: 4096 });
    const sender = await transport();
    const seen: unknown[] = [];
    receiver.onMessage((envelope) => seen.push(envelope));
    const raw = createClient({ url: redis.url, password: 'default-pw' });
    await raw.connect();
    await sender.send({ kind: 'refresh' }, 1);
    await waitFor('the genuine message', () => seen.length === 1);
    // Copy the genuine entry: same nonce, new stream id.
    const [entry] = await raw.xRevRange(sender.keys.stream, '+', '-', { COUNT: 1 });
    await raw.xAdd(sender.keys.stream, '*', entry!.message);
    await raw.xAdd(sender.keys.stream, '*', { ...entry!.message, pad: 'x'.repeat(5000) });
    const other = await transport({ keyring: fleetKeyring(), fleet: 'unit' });
    await other.send({ kind: 'refresh' }, 1);
    const foreign = await transport({ fleet: 'another' });
    await raw.xAdd(sender.keys.stream, '*', await signedFor(foreign));
    await waitFor('four drops', () => {
      const { dropped } = receiver.counters();
      return dropped.replayed + dropped.oversized + dropped.unauthenticated + dropped.foreign === 4;
    });
    expect(receiver.counters().dropped).toMatchObject({
      replayed: 1,
      oversized: 1,
      unauthenticated: 1,
      foreign: 1,
    });
    expect(seen).toHaveLength(1);
    expect(logger.lines.filter((line) => line.level === 'warn')).toHaveLength(4);
    raw.destroy();
  });

  test('ACL user and password pass through to the client; a wrong password is refused', async () => {
    const admin = createClient({ url: redis.url, password: 'default-pw' });
    await admin.connect();
    await admin.sendCommand(['ACL', 'SETUSER', 'fleet', 'on', '>fleet-pw', '~strata:*', '+@all']);
    admin.destroy();
    const ok = await transport({ password: 'fleet-pw', username: 'fleet' });
    await ok.send({ kind: 'refresh' }, 1);
    const wrong = createRedisTransport({
      url: redis.url,
      password: 'nope',
      keyring,
      required: true,
      connectTimeoutMs: 500,
    });
    await expect(wrong.start()).rejects.toThrow(/cannot be reached/);
  });
});

/** A genuinely signed entry of another fleet, read back from the stream. */
async function signedFor(foreign: RedisTransport): Promise<Record<string, string>> {
  await foreign.send({ kind: 'refresh' }, 1);
  const [entry] = await foreign.client.xRevRange(foreign.keys.stream, '+', '-', { COUNT: 1 });
  return entry!.message as Record<string, string>;
}
