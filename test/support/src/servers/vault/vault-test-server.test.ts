import { afterEach, describe, expect, it } from 'vitest';
import { startVaultTestServer, VaultTestServer } from './index.js';

const servers: VaultTestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

async function start(options: Parameters<typeof startVaultTestServer>[0]): Promise<VaultTestServer> {
  const server = await startVaultTestServer(options);
  servers.push(server);
  return server;
}

async function call(
  server: VaultTestServer,
  path: string,
  init: { method?: string; token?: string; body?: unknown; namespace?: string } = {},
): Promise<{ status: number; body: unknown; location: string | null }> {
  const headers: Record<string, string> = {};
  if (init.token) headers['X-Vault-Token'] = init.token;
  if (init.namespace) headers['X-Vault-Namespace'] = init.namespace;
  const response = await fetch(`${server.url}/v1/${path}`, {
    method: init.method ?? 'GET',
    headers,
    redirect: 'manual',
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : undefined,
    location: response.headers.get('location'),
  };
}

describe('Vault test server', () => {
  it('speaks KV v2: versions, deletes, destroys, lists', async () => {
    const server = await start({
      secrets: { 'secret/app/a': [{ k: 1 }, { k: 2 }], 'secret/app/b/c': { x: 1 } },
      tokens: ['root'],
    });
    expect(await call(server, 'secret/data/app/a', { token: 'root' })).toMatchObject({
      status: 200,
      body: { data: { data: { k: 2 }, metadata: { version: 2, deletion_time: '', destroyed: false } } },
    });
    expect((await call(server, 'secret/data/app/a?version=1', { token: 'root' })).body).toMatchObject({
      data: { data: { k: 1 } },
    });
    server.deleteSecretVersion('secret/app/a');
    expect(await call(server, 'secret/data/app/a', { token: 'root' })).toMatchObject({
      status: 404,
      body: { data: { data: null, metadata: { version: 2 } } },
    });
    server.destroySecretVersion('secret/app/a', 1);
    expect(await call(server, 'secret/data/app/a?version=1', { token: 'root' })).toMatchObject({
      status: 404,
      body: { data: { metadata: { destroyed: true } } },
    });
    expect((await call(server, 'secret/metadata/app?list=true', { token: 'root' })).body).toMatchObject({
      data: { keys: ['a', 'b/'] },
    });
    expect(await call(server, 'secret/metadata/none?list=true', { token: 'root' })).toMatchObject({
      status: 404,
      body: { errors: [] },
    });
    expect(
      (await call(server, 'secret/data/app/new', { method: 'POST', token: 'root', body: { data: { n: 1 } } }))
        .body,
    ).toMatchObject({ data: { version: 1 } });
    expect(server.readSecret('secret/app/new')).toEqual({ n: 1 });
  });

  it('speaks KV v1, mounts and namespaces', async () => {
    const server = await start({
      mounts: { kv: { version: 1 }, 'ns1/secret': { version: 2 } },
      secrets: { 'kv/app': { a: 'b' }, 'ns1/secret/app': { n: 's' } },
      tokens: ['root'],
    });
    expect(await call(server, 'kv/app', { token: 'root' })).toMatchObject({
      status: 200,
      body: { data: { a: 'b' }, lease_duration: 2764800 },
    });
    expect((await call(server, 'sys/internal/ui/mounts/kv/app', { token: 'root' })).body).toMatchObject({
      data: { path: 'kv/', type: 'kv', options: { version: '1' } },
    });
    expect(
      (await call(server, 'sys/internal/ui/mounts/secret/app', { token: 'root', namespace: 'ns1' })).body,
    ).toMatchObject({ data: { path: 'secret/', options: { version: '2' } } });
    expect((await call(server, 'secret/data/app', { token: 'root', namespace: 'ns1' })).body).toMatchObject({
      data: { data: { n: 's' } },
    });
  });

  it('expires tokens on its clock and shortens renewals at the max TTL', async () => {
    const server = await start({
      tokens: [{ id: 'short', ttl: 10, maxTtl: 15 }],
      approle: { roles: [{ roleId: 'r', secretId: 's', ttl: '2s' }] },
    });
    const lookup = (await call(server, 'auth/token/lookup-self', { token: 'short' })).body as {
      data: { ttl: number; renewable: boolean };
    };
    expect(lookup.data.renewable).toBe(true);
    // Real time passes between calls too (seconds on a loaded machine): bounds leave room for it.
    expect(lookup.data.ttl).toBeGreaterThan(7);
    expect(lookup.data.ttl).toBeLessThanOrEqual(10);
    server.advanceClock(8000);
    const renewed = (await call(server, 'auth/token/renew-self', { method: 'POST', token: 'short' }))
      .body as {
      auth: { lease_duration: number };
    };
    // min(ttl 10 s, max TTL 15 s - 8 s elapsed): shortened to about 7 s.
    expect(renewed.auth.lease_duration).toBeGreaterThan(4);
    expect(renewed.auth.lease_duration).toBeLessThanOrEqual(7);
    server.advanceClock(7000);
    expect(await call(server, 'secret/data/x', { token: 'short' })).toMatchObject({
      status: 403,
      body: { errors: [expect.stringContaining('invalid token')] },
    });
    const login = await call(server, 'auth/approle/login', {
      method: 'POST',
      body: { role_id: 'r', secret_id: 's' },
    });
    expect(login.body).toMatchObject({ auth: { lease_duration: 2, renewable: true, policies: ['default'] } });
    expect(
      await call(server, 'auth/approle/login', { method: 'POST', body: { role_id: 'r', secret_id: 'x' } }),
    ).toMatchObject({ status: 400 });
  });

  it('seals, redirects as a standby, injects faults and logs without token values', async () => {
    const server = await start({ secrets: { 'secret/a': { k: 1 } }, tokens: ['hvs.log-me-not'] });
    server.seal();
    expect(await call(server, 'secret/data/a', { token: 'hvs.log-me-not' })).toMatchObject({
      status: 503,
      body: { errors: ['Vault is sealed'] },
    });
    server.unseal();
    server.setStandby('http://active.invalid:8200');
    expect(await call(server, 'secret/data/a?x=1')).toMatchObject({
      status: 307,
      location: 'http://active.invalid:8200/v1/secret/data/a?x=1',
    });
    server.setStandby(undefined);
    const fault = server.injectFault({ kind: 'status', status: 429 }, { times: 2, path: '/data/' });
    expect((await call(server, 'secret/data/a', { token: 'hvs.log-me-not' })).status).toBe(429);
    expect(fault.remaining()).toBe(1);
    fault.clear();
    expect((await call(server, 'secret/data/a', { token: 'hvs.log-me-not' })).status).toBe(200);
    server.injectFault({ kind: 'reset' });
    await expect(call(server, 'secret/data/a', { token: 'hvs.log-me-not' })).rejects.toThrow();
    expect(server.requests().map((r) => r.status)).toEqual([503, 307, 429, 200, 0]);
    expect(JSON.stringify(server.requests())).not.toContain('hvs.log-me-not');
    expect(server.requests()[0]?.headers['x-vault-token']).toBe('[redacted]');
  });

  it('acts like a real Vault where clients go wrong: whole seconds, version-dependent answers, preflight, health', async () => {
    expect(() => new VaultTestServer({ tokens: [{ id: 't', ttl: '1500ms' }] })).toThrow(/whole seconds/);
    const server = await start({ tokens: ['root', { id: 'short', ttl: 10 }], version: '1.16.3' });
    // Root tokens have no lease: not renewable, and renew-self is refused.
    expect(
      (
        (await call(server, 'auth/token/lookup-self', { token: 'root' })).body as {
          data: { renewable: boolean };
        }
      ).data.renewable,
    ).toBe(false);
    expect(await call(server, 'auth/token/renew-self', { method: 'POST', token: 'root' })).toMatchObject({
      status: 400,
      body: { errors: ['lease is not renewable'] },
    });
    server.advanceClock(2500);
    const ttl = (
      (await call(server, 'auth/token/lookup-self', { token: 'short' })).body as { data: { ttl: number } }
    ).data.ttl;
    expect(Number.isInteger(ttl)).toBe(true);
    // Before 1.17 a dead token is a bare "permission denied".
    server.advanceClock(8000);
    expect(await call(server, 'secret/data/x', { token: 'short' })).toMatchObject({
      status: 403,
      body: { errors: ['1 error occurred:\n\t* permission denied\n\n'] },
    });
    // A path under no mount: 403 from the mount lookup, never 404.
    expect(await call(server, 'sys/internal/ui/mounts/nope/app', { token: 'root' })).toMatchObject({
      status: 403,
      body: {
        errors: [
          'preflight capability check returned 403, please ensure client\'s policies grant access to path "nope/app/"',
        ],
      },
    });
    expect(await call(server, 'sys/health')).toMatchObject({
      status: 200,
      body: {
        initialized: true,
        sealed: false,
        standby: false,
        version: '1.16.3',
        server_time_utc: expect.any(Number),
      },
    });
    server.setStandby('http://active.invalid:8200');
    expect((await call(server, 'sys/health')).status).toBe(429);
    expect((await call(server, 'sys/health?standbyok=true')).status).toBe(200);
    expect((await call(server, 'sys/health?standbycode=200')).status).toBe(200);
    server.seal();
    expect((await call(server, 'sys/health?sealedcode=299')).status).toBe(299);
  });

  it('issues, renews (cut at the max TTL) and revokes leases of a dynamic engine', async () => {
    const server = await start({
      tokens: ['root'],
      dynamic: [
        {
          roles: [
            { role: 'app', ttl: 60, maxTtl: 100 },
            { role: 'fixed', renewable: false },
          ],
        },
      ],
    });
    const issued = (await call(server, 'database/creds/app', { token: 'root' })).body as {
      lease_id: string;
      lease_duration: number;
      renewable: boolean;
      data: { username: string };
    };
    expect(issued).toMatchObject({
      lease_duration: 60,
      renewable: true,
      data: { username: 'v-token-app-1' },
    });
    expect(issued.lease_id).toMatch(/^database\/creds\/app\//);
    server.advanceClock(50_000);
    const renew = (seconds?: number) =>
      call(server, 'sys/leases/renew', {
        method: 'PUT',
        token: 'root',
        body: { lease_id: issued.lease_id, ...(seconds ? { increment: seconds } : {}) },
      });
    // Cut at the max TTL: min(60 s, 100 s - 50.x s), whole seconds (real time passes between calls too).
    const renewed = (await renew()).body as { lease_id: string; lease_duration: number; renewable: boolean };
    expect(renewed).toMatchObject({ lease_id: issued.lease_id, renewable: true });
    expect([48, 49]).toContain(renewed.lease_duration);
    expect(
      await call(server, 'sys/leases/revoke', {
        method: 'PUT',
        token: 'root',
        body: { lease_id: issued.lease_id },
      }),
    ).toMatchObject({ status: 204 });
    expect(await renew()).toMatchObject({ status: 400, body: { errors: ['lease not found'] } });
    const fixed = (await call(server, 'database/creds/fixed', { token: 'root' })).body as {
      lease_id: string;
    };
    expect(
      await call(server, 'sys/leases/renew', {
        method: 'PUT',
        token: 'root',
        body: { lease_id: fixed.lease_id },
      }),
    ).toMatchObject({ status: 400, body: { errors: ['lease is not renewable'] } });
    expect(await call(server, 'database/creds/nobody', { token: 'root' })).toMatchObject({ status: 400 });
    expect(server.leases().map((l) => [l.role, l.revoked])).toEqual([
      ['app', true],
      ['fixed', false],
    ]);
  });
});
