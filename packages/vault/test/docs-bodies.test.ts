import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { vaultDynamicSource, vaultSource } from '../src/index.js';
import { sourceContext, valuesOf, waitFor } from '@strata-internal/test-support';
import { startVaultTestServer } from '@strata-internal/test-support/vault';
import { manualClock } from './support/manual-clock.js';

// The source against the response bodies of HashiCorp's own documentation (fixtures/vault-docs), served
// byte for byte by a server that knows nothing else: if the project's Vault test server ever drifted into
// agreeing only with its own client, these would still hold the source to what Vault documents.

const fixtures = fileURLToPath(new URL('./fixtures/vault-docs/', import.meta.url));
const body = (name: string): string => readFileSync(`${fixtures}${name}.json`, 'utf8');

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly token: string | undefined;
  readonly body: string;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** A server answering each `METHOD /v1/path` with one fixture, everything else 404. */
async function docsServer(routes: Readonly<Record<string, string>>): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] as string;
      const token = req.headers['x-vault-token'];
      seen.push({
        method: req.method ?? '',
        path,
        token: typeof token === 'string' ? token : undefined,
        body: Buffer.concat(chunks).toString(),
      });
      const name = routes[`${req.method} ${path}`];
      if (name === undefined) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[]}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(body(name));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe("the source against the bodies in HashiCorp's Vault docs", () => {
  it('reads the documented KV v2 answer with a token the documented lookup-self describes', async () => {
    const docs = await docsServer({
      'GET /v1/auth/token/lookup-self': 'token-lookup-self',
      'GET /v1/secret/data/my-secret': 'kv-v2-read',
    });
    const clock = manualClock();
    const source = vaultSource({
      address: docs.url,
      kv: 2,
      clock,
      auth: { method: 'token', token: 'hvs.docs-token-0001' },
      secrets: [{ path: 'secret/my-secret' }],
    });
    try {
      const layer = await source.load(sourceContext());
      expect(valuesOf(layer)).toEqual({ foo: 'bar' });
      expect(layer.entries[0]?.origin).toMatchObject({ locator: 'secret/data/my-secret#foo', version: 2 });
      // ttl 2764790 s, renewable: renewal planned at 2/3 of it.
      expect(clock.pending()).toEqual([Math.round((2_764_790_000 * 2) / 3)]);
    } finally {
      await source.dispose?.();
    }
  });

  it.each([
    ['approle', 'approle-login', 1200, { method: 'approle', roleId: 'r', secretId: 's' }],
    // The Kubernetes answer through the JWT method mounted at "kubernetes": the same login request and answer,
    // without a service-account file on this machine.
    ['kubernetes', 'kubernetes-login', 2_764_800, { method: 'jwt', role: 'dev', jwt: 'x' }],
    ['jwt', 'jwt-login', 2_764_800, { method: 'jwt', role: 'dev', jwt: 'eyJ.fixture.jwt' }],
  ] as const)(
    'logs in with the documented %s answer, uses its client_token and renews with the documented renew-self',
    async (mount, fixture, lease, auth) => {
      const docs = await docsServer({
        [`POST /v1/auth/${mount}/login`]: fixture,
        'POST /v1/auth/token/renew-self': 'token-renew-self',
        'GET /v1/secret/data/my-secret': 'kv-v2-read',
      });
      const clock = manualClock();
      const source = vaultSource({
        address: docs.url,
        kv: 2,
        clock,
        auth: { ...auth, ...(auth.method === 'jwt' ? { mount } : {}) },
        secrets: [{ path: 'secret/my-secret' }],
      });
      try {
        expect(valuesOf(await source.load(sourceContext()))).toEqual({ foo: 'bar' });
        const token = JSON.parse(body(fixture)).auth.client_token as string;
        expect(docs.seen.find((r) => r.path === '/v1/secret/data/my-secret')?.token).toBe(token);
        expect(clock.pending()).toEqual([Math.round((lease * 1000 * 2) / 3)]);
        clock.advance(clock.pending()[0] as number);
        await waitFor('a renewal', () => docs.seen.some((r) => r.path === '/v1/auth/token/renew-self'));
        // The documented renewal grants 3600 s: shorter than the login's lease for two of the three, so those
        // log in again at 2/3 of it rather than renew a lease the max TTL is cutting.
        await waitFor('the next step planned', () => clock.pending().length === 1);
        expect(clock.pending()).toEqual([2_400_000]);
      } finally {
        await source.dispose?.();
      }
    },
  );

  it("takes the database page's credentials without lease fields, re-reading them on an interval", async () => {
    const docs = await docsServer({
      'GET /v1/auth/token/lookup-self': 'token-lookup-self',
      'GET /v1/database/creds/my-role': 'database-creds',
    });
    const clock = manualClock();
    const source = vaultDynamicSource({
      address: docs.url,
      clock,
      rereadIntervalMs: 60_000,
      auth: { method: 'token', token: 'hvs.docs-token-0001' },
      secrets: [{ path: 'database/creds/my-role', into: 'db' }],
    });
    try {
      expect(valuesOf(await source.load(sourceContext()))).toEqual({
        'db.username': 'root-1430158508-126',
        'db.password': '132ae3ef-5a64-7499-351e-bfe59f3a2a21',
      });
      // The re-read, and the token's renewal (the documented lookup-self's TTL).
      expect(clock.pending()).toEqual([60_000, Math.round((2_764_790_000 * 2) / 3)]);
    } finally {
      await source.dispose?.();
    }
  });

  it("renews the tutorial's database lease with the documented sys/leases/renew answer and revokes it at close", async () => {
    const docs = await docsServer({
      'GET /v1/auth/token/lookup-self': 'token-lookup-self',
      'GET /v1/database/creds/readonly': 'database-creds-tutorial',
      'PUT /v1/sys/leases/renew': 'sys-leases-renew',
      'PUT /v1/sys/leases/revoke': 'sys-leases-renew',
    });
    const clock = manualClock();
    const source = vaultDynamicSource({
      address: docs.url,
      clock,
      auth: { method: 'token', token: 'hvs.docs-token-0001' },
      secrets: [{ path: 'database/creds/readonly', into: 'db' }],
    });
    try {
      expect(valuesOf(await source.load(sourceContext()))).toMatchObject({
        'db.password': 'A1a-2680ut032xqt16tq',
      });
      expect(clock.pending()[0]).toBe(2_400_000);
      clock.advance(2_400_000);
      await waitFor('a renewal', () => docs.seen.some((r) => r.path === '/v1/sys/leases/renew'));
      expect(JSON.parse(docs.seen.find((r) => r.path === '/v1/sys/leases/renew')!.body)).toEqual({
        lease_id: 'database/creds/readonly/7aa462ab-98cb-fdcb-b226-f0a0d37644cc',
      });
      // The lease's next renewal (2/3 of the documented 2764790 s), beside the token's own.
      await waitFor('the next step planned', () => clock.pending().length === 2);
      const twoThirds = Math.round((2_764_790_000 * 2) / 3);
      expect(clock.pending()).toEqual([twoThirds - 2_400_000, twoThirds]);
    } finally {
      await source.dispose?.();
    }
    expect(docs.seen.filter((r) => r.path === '/v1/sys/leases/revoke')).toHaveLength(1);
  });
});

describe('the Vault test server against the same bodies', () => {
  /** Objects whose keys are the secret's or the user's own, compared as one field. */
  const opaque = new Set(['data.data', 'data.metadata.custom_metadata', 'auth.metadata', 'data.meta']);

  /** Key paths of a JSON value (`auth.client_token`), to compare shapes without comparing values. */
  function shape(value: unknown, prefix = ''): string[] {
    if (opaque.has(prefix) || typeof value !== 'object' || value === null || Array.isArray(value))
      return [prefix];
    return Object.entries(value).flatMap(([key, inner]) =>
      shape(inner, prefix === '' ? key : `${prefix}.${key}`),
    );
  }

  it('answers with at least the documented fields', async () => {
    const server = await startVaultTestServer({
      secrets: {
        'secret/my-secret': [{ foo: 'x' }, { foo: 'bar' }],
        'secret/foo': { a: 1 },
        'secret/foo/bar': { b: 1 },
      },
      tokens: [{ id: 'hvs.shape-token-001', ttl: 3600 }],
      approle: { roles: [{ roleId: 'r', secretId: 's' }] },
      kubernetes: { roles: [{ role: 'dev', jwt: 'k8s.jwt' }] },
      jwt: { roles: [{ role: 'dev', jwt: 'oidc.jwt' }] },
      dynamic: [{ roles: [{ role: 'readonly' }] }],
    });
    try {
      const call = async (method: string, path: string, payload?: unknown): Promise<unknown> => {
        const response = await fetch(`${server.url}/v1/${path}`, {
          method,
          headers: { 'X-Vault-Token': 'hvs.shape-token-001' },
          ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
        });
        return response.json();
      };
      const creds = (await call('GET', 'database/creds/readonly')) as { lease_id: string };
      const pairs: [string, unknown][] = [
        ['kv-v2-read', await call('GET', 'secret/data/my-secret?version=2')],
        ['kv-v2-list', await call('GET', 'secret/metadata?list=true')],
        ['token-lookup-self', await call('GET', 'auth/token/lookup-self')],
        ['token-renew-self', await call('POST', 'auth/token/renew-self', {})],
        ['sys-health', await call('GET', 'sys/health')],
        ['approle-login', await call('POST', 'auth/approle/login', { role_id: 'r', secret_id: 's' })],
        ['kubernetes-login', await call('POST', 'auth/kubernetes/login', { role: 'dev', jwt: 'k8s.jwt' })],
        ['jwt-login', await call('POST', 'auth/jwt/login', { role: 'dev', jwt: 'oidc.jwt' })],
        ['database-creds-tutorial', creds],
        ['sys-leases-renew', await call('PUT', 'sys/leases/renew', { lease_id: creds.lease_id })],
      ];
      for (const [name, answer] of pairs) {
        const missing = shape(JSON.parse(body(name))).filter((key) => !shape(answer).includes(key));
        expect({ name, missing }).toEqual({ name, missing: [] });
      }
    } finally {
      await server.stop();
    }
  });
});
