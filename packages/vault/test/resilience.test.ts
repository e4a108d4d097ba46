import { StrataError } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { VaultRequestError, vaultSource } from '../src/index.js';
import {
  recordingSignals,
  rejectionOf,
  sourceContext,
  valuesOf,
  waitFor,
} from '@strata-internal/test-support';
import { useVault } from './support/use-vault.js';

const vault = useVault();
const token = 'hvs.resilience-token-01';
const secrets = { 'secret/app/production': { password: 'p4ss' } };
const data = '/v1/secret/data/app/production';

function source(address: string, extra: Partial<Parameters<typeof vaultSource>[0]> = {}) {
  return vault.track(
    vaultSource({
      address,
      kv: 2,
      auth: { method: 'token', token },
      secrets: [{ path: 'secret/app/{env}' }],
      retry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 100 },
      ...extra,
    }),
  );
}

describe('vaultSource when Vault misbehaves', () => {
  it('fails fast with a clear error when sealed at start-up (optional is for the engine)', async () => {
    const server = await vault.server({ secrets, tokens: [token], sealed: true });
    const required = source(server.url);
    const error = await rejectionOf(required.load(sourceContext()));
    expect(StrataError.is(error, 'SOURCE_FAILED')).toBe(true);
    expect(error.message).toContain(`Vault at ${server.url}`);
    expect(error.message).toContain('answered 503: Vault is sealed (gave up after 3 attempts)');
    expect(error.message).toContain('unseal it, or mark the source optional to start without it');
    expect(server.requests({ status: 503 })).toHaveLength(3);
    expect(required.optional).toBe(false);
    expect(source(server.url, { optional: true }).optional).toBe(true);
  });

  it('reports a seal mid-run once, keeps the served values, and recovers after unseal', async () => {
    const server = await vault.server({ secrets, tokens: [token] });
    const watched = source(server.url, { pollIntervalMs: 100 });
    const context = sourceContext();
    const served = await watched.load(context);
    const signals = recordingSignals();
    const watcher = watched.watch!(context, signals);
    vault.onCleanup(() => watcher.dispose());

    server.seal();
    await waitFor('a failed signal', () => signals.failures.length > 0);
    const sealedSince = server.requests({ status: 503 }).length;
    await server.waitForRequests({ status: 503 }, { count: sealedSince + 6 });
    expect(signals.failures).toHaveLength(1);
    expect(signals.failures[0]!.willRetry).toBe(true);
    expect(signals.failures[0]!.error.message).toContain('Vault is sealed');

    server.unseal();
    await waitFor('a recovered signal', () => signals.calls.includes('recovered'));
    expect(signals.calls).toEqual(['failed', 'recovered']);
    expect(valuesOf(await watched.load(context))).toEqual(valuesOf(served));
  });

  it('times out slow answers instead of hanging', async () => {
    const server = await vault.server({ secrets, tokens: [token] });
    server.injectFault({ kind: 'delay', ms: 60_000 }, { times: Number.POSITIVE_INFINITY, path: data });
    const error = await rejectionOf(
      source(server.url, { requestTimeoutMs: 100, retry: { attempts: 2, baseDelayMs: 10 } }).load(
        sourceContext(),
      ),
    );
    expect(error.message).toContain(
      `GET ${data} got no answer within 100 ms (requestTimeoutMs) (gave up after 2 attempts)`,
    );
    expect(VaultRequestError.is(error.cause) && error.cause.failure).toBe('timeout');
    expect(server.requests({ path: data })).toHaveLength(2);
  });

  it('retries a reset connection', async () => {
    const server = await vault.server({ secrets, tokens: [token] });
    server.injectFault({ kind: 'reset' }, { times: 2, path: data });
    expect(valuesOf(await source(server.url).load(sourceContext()))).toEqual({ password: 'p4ss' });
    expect(server.requests({ path: data }).map((r) => r.fault ?? r.status)).toEqual(['reset', 'reset', 200]);
  });

  it('does not retry a malformed body and says so without quoting it', async () => {
    const server = await vault.server({ secrets, tokens: [token] });
    server.injectFault({ kind: 'malformed' }, { path: data });
    const error = await rejectionOf(source(server.url).load(sourceContext()));
    expect(error.message).toContain(`GET ${data} answered 200 with a body that is not valid JSON`);
    expect(error.message).toContain('Does the address point at Vault itself');
    expect(error.message).not.toContain('pass');
    expect(server.requests({ path: data })).toHaveLength(1);
  });

  it('retries 429 and 5xx with backoff, then gives up with the status', async () => {
    const server = await vault.server({ secrets, tokens: [token] });
    server.injectFault({ kind: 'status', status: 429 }, { times: 1, path: data });
    server.injectFault({ kind: 'status', status: 502 }, { times: 1, path: data });
    expect(valuesOf(await source(server.url).load(sourceContext()))).toEqual({ password: 'p4ss' });
    expect(server.requests({ path: data }).map((r) => r.status)).toEqual([429, 502, 200]);

    server.clearRequests();
    server.injectFault({ kind: 'status', status: 429 }, { times: 10, path: data });
    const error = await rejectionOf(source(server.url).load(sourceContext()));
    expect(error.message).toContain(
      'answered 429: request path "": rate limit quota exceeded (gave up after 3 attempts)',
    );
    expect(error.message).toContain('Vault is rate-limiting this client');
    expect(server.requests({ path: data })).toHaveLength(3);
  });

  it('follows a standby redirect to the active node with the token and namespace', async () => {
    const active = await vault.server({
      mounts: { 'ns1/secret': { version: 2 } },
      secrets: { 'ns1/secret/app/production': { password: 'from-active' } },
      approle: { roles: [{ roleId: 'app', secretId: 'sid-123456' }] },
    });
    const standby = await vault.server();
    standby.setStandby(active.url);
    const viaStandby = vault.track(
      vaultSource({
        address: standby.url,
        namespace: 'ns1',
        auth: { method: 'approle', roleId: 'app', secretId: 'sid-123456' },
        secrets: [{ path: 'secret/app/{env}' }],
      }),
    );
    expect(valuesOf(await viaStandby.load(sourceContext()))).toEqual({ password: 'from-active' });
    expect(standby.requests().every((r) => r.status === 307)).toBe(true);
    const read = active.requests({ path: '/v1/secret/data/app/production' });
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({ hasToken: true, namespace: 'ns1', status: 200 });
    expect(active.requests({ path: '/v1/auth/approle/login', status: 200 })).toHaveLength(1);
  });

  it('stops following redirects that loop', async () => {
    const a = await vault.server();
    const b = await vault.server();
    a.setStandby(b.url);
    b.setStandby(a.url);
    const error = await rejectionOf(source(a.url).load(sourceContext()));
    expect(error.message).toContain('was redirected more than 3 times');
    expect(a.requests().length + b.requests().length).toBe(4);
  });

  it('abandons a load when the context is aborted', async () => {
    const server = await vault.server({ secrets, tokens: [token] });
    server.injectFault({ kind: 'delay', ms: 60_000 }, { times: Number.POSITIVE_INFINITY, path: data });
    const controller = new AbortController();
    const loading = source(server.url).load(sourceContext({ signal: controller.signal }));
    await server.waitForRequests({ path: data });
    controller.abort();
    const error = await rejectionOf(loading);
    expect(error.message).toContain('was abandoned');
    expect(server.requests({ path: data })).toHaveLength(1);
  });
});
