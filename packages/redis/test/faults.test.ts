import { StrataError } from '@strata/core';
import { waitFor } from '@strata-internal/test-support';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TransportEvents } from '../src/index.js';
import { FleetHarness, type Member } from './support/fleet-harness.js';
import { AppConfig, CANARY } from './support/sections.js';
import { versionedStore, writeStore } from './support/store-source.js';

// These tests stop and restart the real redis-server mid-test.
let harness: FleetHarness;
beforeAll(async () => {
  harness = await FleetHarness.start();
});
afterAll(async () => {
  await harness.close();
});

function recordTransport(member: Member): (keyof TransportEvents)[] {
  const seen: (keyof TransportEvents)[] = [];
  member.fleet.transport.on('transportFailed', () => seen.push('transportFailed'));
  member.fleet.transport.on('transportRecovered', () => seen.push('transportRecovered'));
  return seen;
}

describe('Redis faults', () => {
  test('Redis absent at start-up: the service starts on its own sources, then joins when Redis comes', async () => {
    await harness.redis.stop();
    try {
      const store = versionedStore({ port: 8080, greeting: 'alone', password: CANARY });
      const required = harness.member(store, { fleet: 'absent', required: true, connectTimeoutMs: 500 });
      const error = await required.then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(StrataError.is(error, 'SOURCE_FAILED')).toBe(true);
      expect((error as Error).message).toMatch(
        /required but Redis at redis:\/\/127\.0\.0\.1:\d+\/? cannot be reached/,
      );

      const member = await harness.member(store, { fleet: 'absent', connectTimeoutMs: 500 });
      expect(member.config.get(AppConfig).greeting).toBe('alone');
      expect(member.fleet.transport.connected).toBe(false);
      const events = recordTransport(member);
      await harness.redis.start();
      await waitFor('recovery', () => events.includes('transportRecovered'), { timeoutMs: 15_000 });
      await waitFor('presence', () => member.fleet.members.length === 1);
    } finally {
      await harness.redis.start();
    }
  });

  test('Redis lost later: followers poll alone, then follow the leader again after it is back', async () => {
    const store = versionedStore({ port: 8080, greeting: 'v1', password: CANARY });
    const members: Member[] = [];
    for (let i = 0; i < 2; i++) members.push(await harness.member(store, { mode: 'leader', fleet: 'lost' }));
    await waitFor('a leader', () => members.some((m) => m.fleet.leader));
    const follower = members.find((m) => !m.fleet.leader)!;
    const events = recordTransport(follower);
    await harness.redis.stop();
    await waitFor('transportFailed', () => events.includes('transportFailed'));
    // Alone, the follower asks the store itself and still sees the change.
    writeStore(store, { greeting: 'v2' });
    for (const member of members)
      await waitFor('v2 by polling', () => member.config.get(AppConfig).greeting === 'v2');

    await harness.redis.start();
    await waitFor('transportRecovered', () => events.includes('transportRecovered'), { timeoutMs: 15_000 });
    await waitFor('a leader again', () => members.filter((m) => m.fleet.leader).length === 1, {
      timeoutMs: 5000,
    });
    const requests = follower.source.requests;
    // Stream reading resumed after the restart: the next change comes through the leader's sealed layer.
    const newFollower = members.find((m) => !m.fleet.leader)!;
    await waitFor('the follower stops polling', () => newFollower.fleet.transport.connected);
    writeStore(store, { greeting: 'v3' });
    for (const member of members) await waitFor('v3', () => member.config.get(AppConfig).greeting === 'v3');
    expect(newFollower.config.history().at(-1)?.reasons[0]?.detail).toMatch(/^(leader .* shared|version)/);
    expect(requests).toBeGreaterThan(0);
  });

  test('an instance whose connections were cut reads on from its last stream id', async () => {
    const store = versionedStore({ port: 8080, greeting: 'before', password: CANARY });
    const quiet = await harness.member(store, { fleet: 'catch-up', pollMs: 3_600_000 });
    const client = await harness.client();
    // Cut only this instance's connections; Redis and the stream stay.
    const lastBefore = quiet.fleet.transport.lastId;
    const other = await harness.member(store, { fleet: 'catch-up', pollMs: 30 });
    const ids = (await client.sendCommand(['CLIENT', 'LIST'])) as string;
    const events = recordTransport(quiet);
    // Kill every connection but the test's own: both members reconnect and read on from their last id.
    for (const line of ids.split('\n')) {
      const id = /id=(\d+)/.exec(line)?.[1];
      if (id && !line.includes('cmd=client')) await client.sendCommand(['CLIENT', 'KILL', 'ID', id]);
    }
    writeStore(store, { greeting: 'after' });
    await waitFor('quiet caught up', () => quiet.config.get(AppConfig).greeting === 'after', {
      timeoutMs: 15_000,
    });
    expect(other.config.get(AppConfig).greeting).toBe('after');
    expect(quiet.fleet.transport.lastId).not.toBe(lastBefore);
    expect(events).toContain('transportFailed');
  });
});
