import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { type Disposable, SourceError, type ConfigSource } from '@strata/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type SsmTestServer, startSsmTestServer } from '@strata-internal/test-support/ssm';
import { originAt, recordingSignals, sourceContext, valuesOf, waitFor } from '@strata-internal/test-support';
import { type SsmSourceOptions, ssmSource } from '../src/index.js';

let server: SsmTestServer | undefined;
let source: ConfigSource | undefined;
let watcher: Disposable | undefined;

afterEach(async () => {
  watcher?.dispose();
  await source?.dispose?.();
  await server?.stop();
  watcher = undefined;
  source = undefined;
  server = undefined;
});

async function setup(
  options: Partial<SsmSourceOptions> = {},
): Promise<{ server: SsmTestServer; source: ConfigSource }> {
  server = await startSsmTestServer({
    parameters: {
      '/app/prod/database/host': 'db.internal',
      '/app/prod/database/port': '5432',
      '/app/prod/database/password': { value: 'pw-1', type: 'SecureString' },
    },
  });
  source = ssmSource({
    path: '/app/{env}/',
    clientOptions: { ...server.clientOptions, maxAttempts: 1 },
    pollIntervalMs: 100,
    backoff: { initialDelayMs: 50, maxDelayMs: 200 },
    ...options,
  });
  return { server, source };
}

describe('ssmSource: polling', () => {
  it('signals a new version, then serves the polled values without reading again', async () => {
    const { server, source } = await setup();
    const context = sourceContext({ environment: 'prod' });
    await source.load(context);
    // Stop polling inside the signal, so no later poll can add a request while the load is counted.
    const signals = recordingSignals({ onChanged: () => watcher?.dispose() });
    watcher = source.watch!(context, signals);

    server.put('/app/prod/database/port', '6543');
    await waitFor('a changed signal', () => signals.changes.length > 0, { timeoutMs: 10_000 });
    const requestsBefore = server.requestLog.length;

    const layer = await source.load(context);

    expect(signals.changes).toEqual([
      { source: 'aws-ssm:/app/{env}/', detail: '/app/prod/database/port v2' },
    ]);
    expect(server.requestLog).toHaveLength(requestsBefore);
    expect(valuesOf(layer)['database.port']).toBe('6543');
    expect(originAt(layer, 'database.port')?.version).toBe(2);
  });

  it('stays quiet while nothing changes, and names removed and added parameters when they do', async () => {
    const { server, source } = await setup();
    const context = sourceContext({ environment: 'prod' });
    await source.load(context);
    const signals = recordingSignals();
    watcher = source.watch!(context, signals);

    await server.waitForRequests(4);
    expect(signals.calls).toEqual([]);

    server.delete('/app/prod/database/host');
    server.put('/app/prod/cache/ttl', '60');
    await waitFor('a changed signal', () => signals.changes.length > 0, { timeoutMs: 10_000 });
    expect(signals.changes[0]?.detail).toBe('/app/prod/cache/ttl v1, /app/prod/database/host removed');
  });

  it('never puts a secret value in a change detail', async () => {
    const { server, source } = await setup();
    const context = sourceContext({ environment: 'prod' });
    await source.load(context);
    const signals = recordingSignals();
    watcher = source.watch!(context, signals);

    server.put('/app/prod/database/password', 'pw-2-secret');
    await waitFor('a changed signal', () => signals.changes.length > 0, { timeoutMs: 10_000 });
    expect(signals.changes[0]?.detail).toBe('/app/prod/database/password v2');
  });

  it('reports an outage once, retries with backoff, and reports the recovery once, keeping the values', async () => {
    const { server, source } = await setup();
    const context = sourceContext({ environment: 'prod' });
    const served = valuesOf(await source.load(context));
    const signals = recordingSignals();
    watcher = source.watch!(context, signals);

    server.fail('internalError', { times: Number.POSITIVE_INFINITY });
    await waitFor('a failed signal', () => signals.failures.length > 0, { timeoutMs: 10_000 });
    await server.waitForRequests(4, { filter: (r) => r.fault === 'internalError' });
    expect(signals.failures).toHaveLength(1);
    expect(signals.failures[0]?.willRetry).toBe(true);
    expect(signals.failures[0]?.error).toBeInstanceOf(SourceError);
    expect(signals.failures[0]?.error.message).toContain('InternalServerError');

    server.clearFaults();
    await waitFor('a recovered signal', () => signals.recoveries > 0, { timeoutMs: 10_000 });
    const seen = new Set(server.requestLog);
    await server.waitForRequests(2, { filter: (r) => !seen.has(r) });
    expect(signals.calls).toEqual(['failed', 'recovered']);

    // Nothing changed behind the outage, so the engine is never asked to reload; a load serves the same values.
    expect(valuesOf(await source.load(context))).toEqual(served);

    // A second outage is a new streak: it is reported again.
    server.fail('accessDenied', { times: Number.POSITIVE_INFINITY });
    await waitFor('a second failed signal', () => signals.failures.length > 1, { timeoutMs: 10_000 });
    expect(signals.calls).toEqual(['failed', 'recovered', 'failed']);
    expect(signals.failures[1]?.error.message).toContain('AccessDeniedException');
  });

  it('reports a change that happened during an outage after recovering', async () => {
    const { server, source } = await setup();
    const context = sourceContext({ environment: 'prod' });
    await source.load(context);
    const signals = recordingSignals();
    watcher = source.watch!(context, signals);

    server.fail('reset', { times: Number.POSITIVE_INFINITY });
    await waitFor('a failed signal', () => signals.failures.length > 0, { timeoutMs: 10_000 });
    server.put('/app/prod/database/host', 'db2.internal');
    server.clearFaults();
    await waitFor('a changed signal', () => signals.changes.length > 0, { timeoutMs: 10_000 });

    expect(signals.calls).toEqual(['failed', 'recovered', 'changed']);
    expect(valuesOf(await source.load(context))['database.host']).toBe('db2.internal');
  });

  it('does not poll when pollIntervalMs is 0', async () => {
    const { server, source } = await setup({ pollIntervalMs: 0 });
    const context = sourceContext({ environment: 'prod' });
    await source.load(context);
    watcher = source.watch!(context, recordingSignals());
    const other = ssmSource({ path: '/app/', clientOptions: server.clientOptions, pollIntervalMs: 100 });
    const otherWatcher = other.watch!(context, recordingSignals());
    try {
      // Another source polling the same server proves time passed without this one asking.
      await server.waitForRequests(3, { filter: (r) => (r.body as { Path?: string }).Path === '/app/' });
      expect(
        server.requestLog.filter((r) => (r.body as { Path?: string }).Path === '/app/prod/'),
      ).toHaveLength(1);
    } finally {
      otherWatcher.dispose();
      await other.dispose!();
    }
  });

  it('stops polling on dispose, and leaves a client it was given usable', async () => {
    server = await startSsmTestServer({ parameters: { '/app/prod/a': '1' } });
    const client = new SSMClient(server.clientOptions);
    source = ssmSource({ path: '/app/prod/', client, pollIntervalMs: 50 });
    const context = sourceContext({ environment: 'prod' });
    await source.load(context);
    watcher = source.watch!(context, recordingSignals());
    await server.waitForRequests(3);

    await source.dispose!();
    // A poll aborted by dispose may still reach the server a moment later.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const count = server.requestLog.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.requestLog).toHaveLength(count);

    const answer = await client.send(new GetParametersCommand({ Names: ['/app/prod/a'] }));
    expect(answer.Parameters?.[0]?.Value).toBe('1');
    client.destroy();
    const error = await source.load(context).catch((e: unknown) => e);
    expect((error as Error).message).toContain('disposed');
  });

  it('signals a change when an optional source that failed at start-up becomes readable', async () => {
    const { server, source } = await setup({ optional: true });
    const context = sourceContext({ environment: 'prod' });
    server.fail('accessDenied');
    await expect(source.load(context)).rejects.toThrow(SourceError);
    const signals = recordingSignals();
    watcher = source.watch!(context, signals);

    await waitFor('a changed signal', () => signals.changes.length > 0, { timeoutMs: 10_000 });

    expect(signals.calls).toEqual(['recovered', 'changed']);
    expect(signals.changes[0]?.detail).toBe('3 parameters readable again');
    expect(valuesOf(await source.load(context))['database.port']).toBe('5432');
  });
});
