import 'reflect-metadata';
import { inspect } from 'node:util';
import { loadConfig, REDACTED, Section } from '@strata/core';
import { IsString } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { vaultDynamicSource } from '../src/index.js';
import {
  nextEvent,
  recordEvents,
  recordingSignals,
  rejectionOf,
  sourceContext,
  valuesOf,
  waitFor,
} from '@strata-internal/test-support';
import { manualClock } from './support/manual-clock.js';
import { useVault } from './support/use-vault.js';

const vault = useVault();
const token = 'hvs.dynamic-token-00001';
const renewals = '/v1/sys/leases/renew';
const creds = '/v1/database/creds/app';

@Section('database')
class DatabaseCredentials {
  @IsString() username = '';
  @IsString() password = '';
}

async function setup(role: { ttl?: number; maxTtl?: number; renewable?: boolean } = {}) {
  const server = await vault.server({
    tokens: [token],
    dynamic: [{ roles: [{ role: 'app', ttl: 60, maxTtl: 150, ...role }] }],
  });
  const clock = manualClock(server);
  const source = vault.track(
    vaultDynamicSource({
      address: server.url,
      clock,
      auth: { method: 'token', token },
      secrets: [{ path: 'database/creds/app', into: 'database' }],
    }),
  );
  return { server, clock, source };
}

/** Advance to the next planned step and wait until it has run and planned the one after. */
async function step(
  clock: ReturnType<typeof manualClock>,
  server: { requests(f: object): unknown[] },
  path: string,
) {
  const before = server.requests({ path }).length;
  const [delay] = clock.pending();
  clock.advance(delay as number);
  await waitFor(`a request to ${path}`, () => server.requests({ path }).length > before);
  await waitFor('the next step planned', () => clock.pending().length === 1);
  return delay;
}

describe('vaultDynamicSource', () => {
  it('reads credentials with secret origins, and a second load reuses them instead of minting more', async () => {
    const { server, source } = await setup();
    const context = sourceContext();
    const layer = await source.load(context);
    expect(valuesOf(layer)).toEqual({
      'database.username': 'v-token-app-1',
      'database.password': expect.any(String),
    });
    expect(layer.entries[0]?.origin).toEqual({
      source: 'vault',
      locator: 'database/creds/app#username',
      secret: true,
    });
    expect(valuesOf(await source.load(context))).toEqual(valuesOf(layer));
    expect(server.leases()).toHaveLength(1);
  });

  it('renews at 2/3 of the lease, and rotates before the max TTL, delivering a change', async () => {
    const { server, clock, source } = await setup();
    const context = sourceContext();
    await source.load(context);
    const signals = recordingSignals();
    source.watch!(context, signals);
    // t=40 s: renewed to 60 s; t=80 s: renewed to min(60, 150-80)=60 s; t=120 s: cut by the max TTL to
    // min(60, 150-120.x), in whole seconds 29 s.
    expect(await step(clock, server, renewals)).toBe(40_000);
    expect(await step(clock, server, renewals)).toBe(40_000);
    expect(await step(clock, server, renewals)).toBe(40_000);
    expect(server.leases()[0]!.renewals).toBe(3);
    expect(signals.changes).toEqual([]);
    // 2/3 into the shortened lease: new credentials, 10 s before the old ones end.
    expect(await step(clock, server, creds)).toBe(19_333);
    expect(signals.changes).toEqual([
      {
        source: 'vault-dynamic:database/creds/app',
        detail: 'database/creds/app: new credentials (the lease reaches its max TTL)',
      },
    ]);
    expect(valuesOf(await source.load(context))).toMatchObject({ 'database.username': 'v-token-app-2' });
    expect(server.leases().map((l) => l.revoked)).toEqual([false, false]);
    expect(clock.pending()).toEqual([40_000]);
  });

  it('obtains new credentials at once when a renewal is refused, and when the lease is not renewable', async () => {
    const { server, clock, source } = await setup();
    const context = sourceContext();
    await source.load(context);
    const signals = recordingSignals();
    source.watch!(context, signals);
    server.revokeLease(server.leases()[0]!.id);
    await step(clock, server, creds);
    expect(server.requests({ path: renewals }).map((r) => r.status)).toEqual([400]);
    expect(signals.changes[0]?.detail).toBe(
      'database/creds/app: new credentials (the lease renewal was refused (400))',
    );

    const other = await setup({ renewable: false });
    await other.source.load(context);
    expect(await step(other.clock, other.server, creds)).toBe(40_000);
    expect(other.server.requests({ path: renewals })).toHaveLength(0);
    expect(other.server.leases()).toHaveLength(2);
  });

  it('delivers a rotation through the engine as one reload and a redacted changed event', async () => {
    const { server, clock } = await setup();
    const config = await loadConfig(
      {
        sections: [DatabaseCredentials],
        sources: [
          vaultDynamicSource({
            address: server.url,
            clock,
            auth: { method: 'token', token },
            secrets: [{ path: 'database/creds/app', into: 'database' }],
          }),
        ],
      },
      { watch: true, env: {}, environment: 'production' },
    );
    vault.onCleanup(() => config.close());
    const events = recordEvents(config);
    const first = config.get(DatabaseCredentials);
    expect(first.username).toBe('v-token-app-1');
    server.revokeLease(server.leases()[0]!.id);
    clock.advance(40_000);
    const changed = await nextEvent(events, 'changed');
    const second = config.get(DatabaseCredentials);
    expect(second.username).toBe('v-token-app-2');
    expect(second.password).not.toBe(first.password);
    const text = inspect(changed, { depth: 20 }) + JSON.stringify(changed);
    for (const lease of server.leases()) expect(text).not.toContain(lease.data.password as string);
    expect(changed.diff.find((c) => c.path === 'database.password')).toMatchObject({
      before: REDACTED,
      after: REDACTED,
    });
  });

  it('revokes its leases on close, and the login token when asked', async () => {
    const server = await vault.server({
      approle: { roles: [{ roleId: 'app', secretId: 'sid-0123456789', ttl: 3600 }] },
      dynamic: [{ mount: 'rabbitmq', roles: [{ role: 'queue', ttl: 60, maxTtl: 150 }] }],
    });
    const clock = manualClock(server);
    const source = vaultDynamicSource({
      address: server.url,
      clock,
      revokeTokenOnClose: true,
      auth: { method: 'approle', roleId: 'app', secretId: 'sid-0123456789' },
      secrets: [{ path: 'rabbitmq/creds/queue' }],
    });
    await source.load(sourceContext());
    await source.dispose?.();
    expect(server.leases().map((l) => l.revoked)).toEqual([true]);
    expect(server.requests({ path: '/v1/sys/leases/revoke' })).toHaveLength(1);
    expect(
      server
        .tokens()
        .filter((t) => t.method === 'approle')
        .map((t) => t.revoked),
    ).toEqual([true]);
    expect(clock.pending()).toEqual([]);
  });

  it('fails clearly on an unknown role or mount, naming the path', async () => {
    const { server } = await setup();
    const unknownRole = vault.track(
      vaultDynamicSource({
        address: server.url,
        auth: { method: 'token', token },
        secrets: [{ path: 'database/creds/nobody' }],
      }),
    );
    const error = await rejectionOf(unknownRole.load(sourceContext()));
    expect(error.message).toContain(
      'obtaining credentials from database/creds/nobody failed: GET /v1/database/creds/nobody answered 400: unknown role: nobody',
    );
    expect(() => vaultDynamicSource({ secrets: [{ path: 'secret/data/app' }] })).toThrow(
      /not a lease-based engine's path/,
    );
  });
});
