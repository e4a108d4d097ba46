import { describe, expect, it } from 'vitest';
import { vaultSource } from '../src/index.js';
import { pause, recordingSignals, sourceContext, valuesOf, waitFor } from '@strata-internal/test-support';
import { useVault } from './support/use-vault.js';

const vault = useVault();
const token = 'hvs.polling-token-0001';
const data = '/v1/secret/data/app/production';

async function watchedSource(pollIntervalMs = 150) {
  const server = await vault.server({
    secrets: { 'secret/app/production': { password: 'v1' } },
    tokens: [token],
  });
  const source = vault.track(
    vaultSource({
      address: server.url,
      kv: 2,
      auth: { method: 'token', token },
      pollIntervalMs,
      retry: { attempts: 2, baseDelayMs: 20, maxDelayMs: 50 },
      secrets: [{ path: 'secret/app/{env}', into: 'database' }],
    }),
  );
  const context = sourceContext();
  const first = await source.load(context);
  const signals = recordingSignals();
  const watcher = source.watch!(context, signals);
  vault.onCleanup(() => watcher.dispose());
  return { server, source, context, first, signals, watcher };
}

describe('vaultSource polling', () => {
  it('signals a new version within a poll and serves it on the next load without reading again', async () => {
    const { server, source, context, first, signals } = await watchedSource();
    expect(first.entries[0]?.origin.version).toBe(1);
    await server.waitForRequests({ path: data, status: 200 }, { count: 3 });
    expect(signals.calls).toEqual([]);

    expect(server.writeSecret('secret/app/production', { password: 'v2' })).toBe(2);
    await waitFor('a changed signal', () => signals.changes.length > 0);
    expect(signals.changes).toEqual([
      { source: 'vault:secret/app/{env}', detail: 'secret/app/production v2' },
    ]);

    const readsBefore = server.requests({ path: data }).length;
    const layer = await source.load(context);
    expect(valuesOf(layer)).toEqual({ 'database.password': 'v2' });
    expect(layer.entries[0]?.origin).toMatchObject({
      locator: 'secret/data/app/production#password',
      version: 2,
    });
    expect(server.requests({ path: data }).length).toBe(readsBefore);
  });

  it('signals one change once, however many polls see it before the load', async () => {
    const { server, source, context, signals } = await watchedSource();
    server.writeSecret('secret/app/production', { password: 'v2' });
    await waitFor('a changed signal', () => signals.changes.length > 0);
    const seen = server.requests({ path: data }).length;
    await server.waitForRequests({ path: data, status: 200 }, { count: seen + 3 });
    expect(signals.changes).toHaveLength(1);

    server.writeSecret('secret/app/production', { password: 'v3' });
    await waitFor('a second changed signal', () => signals.changes.length > 1);
    expect(signals.changes[1]?.detail).toBe('secret/app/production v3');
    expect(valuesOf(await source.load(context))).toEqual({ 'database.password': 'v3' });
  });

  it('never serves a cached poll result older than one interval', async () => {
    const { server, source, context, signals, watcher } = await watchedSource();
    server.writeSecret('secret/app/production', { password: 'v2' });
    await waitFor('a changed signal', () => signals.changes.length > 0);
    watcher.dispose();
    server.writeSecret('secret/app/production', { password: 'v3' });
    await pause(300);
    expect(valuesOf(await source.load(context))).toEqual({ 'database.password': 'v3' });
  });

  it('reports a secret deleted during a poll as failed (once), keeps values, and recovers with a new version', async () => {
    const { server, source, context, signals } = await watchedSource();
    server.deleteSecretVersion('secret/app/production');
    await waitFor('a failed signal', () => signals.failures.length > 0);
    const failing = server.requests({ path: data, status: 404 }).length;
    await server.waitForRequests({ path: data, status: 404 }, { count: failing + 3 });
    expect(signals.failures).toHaveLength(1);
    expect(signals.failures[0]!.willRetry).toBe(true);
    expect(signals.failures[0]!.error.message).toContain(
      'reading secret/app/production failed: GET /v1/secret/data/app/production answered 404',
    );
    expect(signals.failures[0]!.error.message).toMatch(/Version 1 was deleted at \S+: undelete it/);
    expect(signals.changes).toEqual([]);

    server.writeSecret('secret/app/production', { password: 'v2' });
    await waitFor('recovered and changed', () => signals.changes.length > 0);
    expect(signals.calls).toEqual(['failed', 'recovered', 'changed']);
    expect(valuesOf(await source.load(context))).toEqual({ 'database.password': 'v2' });
  });

  it('does not poll when pollIntervalMs is 0, and stops polling on dispose', async () => {
    const idle = await watchedSource(0);
    await pause(300);
    expect(idle.server.requests({ path: data })).toHaveLength(1);

    const busy = await watchedSource(50);
    await busy.server.waitForRequests({ path: data }, { count: 3 });
    await busy.source.dispose!();
    const count = busy.server.requests().length;
    await pause(300);
    expect(busy.server.requests()).toHaveLength(count);
  });
});
