import { recordingLogger, waitFor } from '@strata-internal/test-support';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFleetStatus } from '../src/index.js';
import { FleetHarness, type Member } from './support/fleet-harness.js';
import { AppConfig, CANARY } from './support/sections.js';
import { versionedStore, writeStore } from './support/store-source.js';

let harness: FleetHarness;
beforeAll(async () => {
  harness = await FleetHarness.start();
});
afterAll(async () => {
  await harness.close();
});

describe('notify-and-refetch', () => {
  test('an instance that sees a new version tells the others, which reload that source themselves', async () => {
    const store = versionedStore({ port: 8080, greeting: 'hello', password: CANARY });
    // Only `a` polls often; the others would not see the change for a long time on their own.
    const a = await harness.member(store, { pollMs: 30, fleet: 'notify-1' });
    const b = await harness.member(store, { pollMs: 3_600_000, fleet: 'notify-1' });
    const c = await harness.member(store, { pollMs: 3_600_000, fleet: 'notify-1' });
    await waitFor('three members present', () => a.fleet.members.length === 3);

    writeStore(store, { greeting: 'hi fleet', password: `${CANARY}-2` });
    for (const member of [a, b, c]) {
      await waitFor('the new greeting', () => member.config.get(AppConfig).greeting === 'hi fleet');
    }
    expect(b.config.history().at(-1)?.reasons[0]?.detail).toMatch(/^fleet notice from .*app#greeting@2/);
    // One notice for the change, not one per instance: b and c knew the versions before they reloaded.
    expect(a.fleet.transport.counters().published).toBe(1);
    expect(b.fleet.transport.counters().published).toBe(0);
    expect(c.fleet.transport.counters().published).toBe(0);
    expect(a.fleet.transport.counters().dropped.unauthenticated).toBe(0);
  });
});

describe('leader-fetch-and-share', () => {
  test('one leader polls; followers apply its sealed layer without asking the store', async () => {
    const store = versionedStore({ port: 8080, greeting: 'hello', password: CANARY });
    const members: Member[] = [];
    for (let i = 0; i < 3; i++)
      members.push(await harness.member(store, { mode: 'leader', fleet: 'leader-1' }));
    await waitFor('one leader', () => members.filter((m) => m.fleet.leader).length === 1);
    const [leader] = members.filter((m) => m.fleet.leader);
    const followers = members.filter((m) => !m.fleet.leader);
    await eventually('followers stop polling', async () => {
      const before = followers.map((f) => f.source.requests);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return followers.every((f, i) => f.source.requests === before[i]);
    });
    const followerRequests = followers.map((f) => f.source.requests);

    writeStore(store, { greeting: 'from the leader', password: `${CANARY}-rotated` });
    for (const member of members) {
      await waitFor('the shared greeting', () => member.config.get(AppConfig).greeting === 'from the leader');
    }
    expect(followers.map((f) => f.source.requests)).toEqual(followerRequests);
    expect(followers[0]!.config.get(AppConfig).password).toBe(`${CANARY}-rotated`);
    // Provenance is the store's, as if the follower had read it itself.
    expect(followers[0]!.config.explain('app.greeting')?.source).toMatchObject({
      locator: 'app#greeting',
      version: 2,
    });
    expect(leader!.config.generation).toBe(2);

    // An invalid value: each follower's own transaction rejects it and keeps the last good snapshot.
    const rejected = new Set<unknown>();
    for (const follower of followers) follower.config.on('rejected', () => rejected.add(follower));
    writeStore(store, { port: -1 });
    await waitFor('followers reject', () => rejected.size === followers.length);
    for (const follower of followers) expect(follower.config.get(AppConfig).port).toBe(8080);

    // Redis never holds a plaintext secret: not in the stream, the status records or anywhere else.
    const dump = await harness.dump();
    expect(dump).toContain('strata:leader-1:stream');
    expect(dump).not.toContain(CANARY);
    expect(dump).not.toContain('from the leader');
  });

  test('a leader that dies is replaced within one lease period; the new one shares the next change', async () => {
    const store = versionedStore({ port: 8080, greeting: 'one', password: CANARY });
    const members: Member[] = [];
    for (let i = 0; i < 3; i++)
      members.push(await harness.member(store, { mode: 'leader', fleet: 'leader-2' }));
    await waitFor('one leader', () => members.filter((m) => m.fleet.leader).length === 1);
    const old = members.find((m) => m.fleet.leader)!;
    const rest = members.filter((m) => m !== old);
    // A crash: connections gone, lease not released.
    await old.fleet.transport.close();
    await waitFor('a new leader', () => rest.some((m) => m.fleet.leader), { timeoutMs: 5000 });
    const status = await readFleetStatus(rest[0]!.fleet.transport);
    expect(rest.map((m) => m.fleet.transport.instanceId)).toContain(status.leader);

    writeStore(store, { greeting: 'two' });
    for (const member of rest)
      await waitFor('the change', () => member.config.get(AppConfig).greeting === 'two');
  });
});

describe('leader-fetch-and-share, failover', () => {
  test('a change made while the leader is dead is loaded by its successor on election, not a poll later', async () => {
    const store = versionedStore({ port: 8080, greeting: 'before', password: CANARY });
    const members: Member[] = [];
    // Polling an hour apart: only the election can make the new leader look at the store in this test.
    for (let i = 0; i < 3; i++)
      members.push(await harness.member(store, { mode: 'leader', fleet: 'leader-3', pollMs: 3_600_000 }));
    await waitFor('one leader', () => members.filter((m) => m.fleet.leader).length === 1);
    const old = members.find((m) => m.fleet.leader)!;
    const rest = members.filter((m) => m !== old);
    await old.fleet.transport.close();
    writeStore(store, { greeting: 'while leaderless' });
    for (const member of rest) {
      await waitFor(
        'the change, through the new leader',
        () => member.config.get(AppConfig).greeting === 'while leaderless',
        {
          timeoutMs: 5000,
        },
      );
    }
    const successor = rest.find((m) => m.fleet.leader)!;
    expect(successor.config.history().at(-1)?.reasons[0]?.detail).toMatch(/elected fleet leader/);
  });
});

describe('refresh and status', () => {
  test('fleet.refresh() makes every instance reload; status lists every instance and names the drifting one', async () => {
    const store = versionedStore({ port: 8080, greeting: 'a', password: CANARY });
    const members: Member[] = [];
    for (let i = 0; i < 3; i++)
      members.push(await harness.member(store, { pollMs: 3_600_000, fleet: 'refresh-1' }));
    await waitFor('three members', () => members[0]!.fleet.members.length === 3);
    // Nobody polls: a refresh request is what brings the change in.
    writeStore(store, { greeting: 'refreshed' });
    await members[0]!.fleet.refresh('store:app');
    for (const member of members.slice(1)) {
      await waitFor('the refreshed value', () => member.config.get(AppConfig).greeting === 'refreshed');
    }
    await waitFor(
      'the sender too, through the notice',
      () => members[0]!.config.get(AppConfig).greeting === 'refreshed',
    );
    // A fourth instance reading another store holds other values: it is the one drifting.
    const odd = await harness.member(versionedStore({ port: 9, greeting: 'elsewhere', password: CANARY }), {
      pollMs: 3_600_000,
      fleet: 'refresh-1',
    });
    const oddId = odd.fleet.transport.instanceId;
    const status = await eventually('one drifting instance', async () => {
      const read = await readFleetStatus(members[0]!.fleet.transport);
      const drifting = read.instances.filter((i) => i.drifting).map((i) => i.id);
      return read.instances.length === 4 && drifting.length === 1 && drifting[0] === oddId ? read : undefined;
    });
    expect(status.instances.find((i) => i.id === oddId)).toMatchObject({
      mode: 'notify',
      leader: false,
      generation: 1,
    });
    expect(status.instances.filter((i) => !i.drifting).every((i) => i.generation === 2)).toBe(true);
  });

  test('a dropped message is warned about and counted, never applied', async () => {
    const logger = recordingLogger();
    const store = versionedStore({ port: 8080, greeting: 'kept', password: CANARY });
    const member = await harness.member(store, { pollMs: 3_600_000, fleet: 'drop-1', logger });
    const client = await harness.client();
    await client.xAdd('strata:drop-1:stream', '*', {
      v: '1',
      k: 'fleet-1',
      m: '{"body":{"kind":"refresh"}}',
      s: '00'.repeat(32),
    });
    await waitFor('the drop', () => member.fleet.transport.counters().dropped.unauthenticated === 1);
    expect(
      logger.lines.some((line) => line.level === 'warn' && line.message.includes('unauthenticated')),
    ).toBe(true);
    expect(member.config.generation).toBe(1);
  });
});

/** Poll an asynchronous probe until it gives a value (waitFor's probes are synchronous). */
async function eventually<T>(what: string, probe: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + 8000;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
