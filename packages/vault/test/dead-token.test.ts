import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vaultSource } from '../src/index.js';
import { rejectionOf, sourceContext, valuesOf, waitFor } from '@strata-internal/test-support';
import { manualClock } from './support/manual-clock.js';
import { useVault } from './support/use-vault.js';

// Vault before 1.17 answers a dead token with a bare 403 "permission denied", the same words as a path the
// policies do not grant. The session must still notice that the token died and log in again.
const vault = useVault();
const secrets = { 'secret/shared': { region: 'eu' } };
const secretId = 'fixture-secret-id-7d1c9a3e';
const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJrOHMifQ.fixture-signature';
const logins = /\/v1\/auth\/(approle|kubernetes|jwt)\/login$/;
const renewals = '/v1/auth/token/renew-self';

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'strata-vault-dead-'));
  vault.onCleanup(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('a dead token on Vault before 1.17 (bare 403)', () => {
  it('logs in again (AppRole) when renew-self is refused with a bare 403, instead of retrying it forever', async () => {
    const server = await vault.server({
      version: '1.16.3',
      secrets,
      approle: { roles: [{ roleId: 'app', secretId, ttl: 60 }] },
    });
    const clock = manualClock(server);
    const source = vault.track(
      vaultSource({
        address: server.url,
        kv: 2,
        clock,
        auth: { method: 'approle', roleId: 'app', secretId },
        secrets: [{ path: 'secret/shared' }],
      }),
    );
    await source.load(sourceContext());
    server.revokeToken(server.tokens()[0]!.id);
    clock.advance(40_000);
    const [refused] = await server.waitForRequests({ path: renewals }, { answered: true });
    expect(refused!.status).toBe(403);
    await server.waitForRequests({ path: logins, status: 200 }, { count: 2 });
    // The fresh token is renewed on its own schedule; the dead one is never tried again.
    await waitFor('the new token planned', () => clock.pending().length === 1);
    expect(clock.pending()).toEqual([40_000]);
    expect(server.requests({ path: renewals })).toHaveLength(1);
    expect(valuesOf(await source.load(sourceContext()))).toEqual({ region: 'eu' });
  });

  it('logs in again (Kubernetes) on a bare 403 read after the lease ran out while Vault was unreachable', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'jwt'), jwt);
    const server = await vault.server({
      version: '1.16.3',
      secrets,
      kubernetes: { roles: [{ role: 'app', jwt, ttl: 60 }] },
    });
    const clock = manualClock(server);
    const source = vault.track(
      vaultSource({
        address: server.url,
        kv: 2,
        clock,
        retry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 20 },
        auth: { method: 'kubernetes', role: 'app', jwtFile: 'jwt' },
        secrets: [{ path: 'secret/shared' }],
      }),
    );
    const context = sourceContext({ cwd: dir });
    await source.load(context);
    // Every renewal is lost on the way (a network outage), until the lease is over on both clocks.
    server.injectFault({ kind: 'reset' }, { times: Number.POSITIVE_INFINITY, path: renewals });
    clock.advance(40_000);
    await server.waitForRequests({ path: renewals });
    clock.advance(21_000);
    expect(valuesOf(await source.load(context))).toEqual({ region: 'eu' });
    expect(server.requests({ path: '/v1/secret/data/shared' }).map((r) => r.status)).toEqual([200, 403, 200]);
    expect(server.requests({ path: logins, status: 200 })).toHaveLength(2);
  });

  it('re-reads tokenFile on a bare 403 once the token expired, or when the file holds another token', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'token'), 'hvs.first-token-0001\n');
    const server = await vault.server({
      version: '1.16.3',
      secrets,
      tokens: [{ id: 'hvs.first-token-0001', ttl: 60, renewable: false }, 'hvs.second-token-0002'],
    });
    const clock = manualClock(server);
    const source = vault.track(
      vaultSource({
        address: server.url,
        kv: 2,
        clock,
        auth: { method: 'token', tokenFile: 'token' },
        secrets: [{ path: 'secret/shared' }],
      }),
    );
    const context = sourceContext({ cwd: dir });
    await source.load(context);
    clock.advance(61_000);
    await writeFile(join(dir, 'token'), 'hvs.second-token-0002\n');
    expect(valuesOf(await source.load(context))).toEqual({ region: 'eu' });
    expect(server.requests({ path: '/v1/secret/data/shared' }).map((r) => r.status)).toEqual([200, 403, 200]);

    // A root token has no lease to run out: a new token in the file is what says the old one died.
    server.revokeToken('hvs.second-token-0002');
    server.addToken('hvs.third-token-00003');
    await writeFile(join(dir, 'token'), 'hvs.third-token-00003\n');
    expect(valuesOf(await source.load(context))).toEqual({ region: 'eu' });
  });

  it('says why a static token cannot recover, naming the pre-1.17 answer', async () => {
    const server = await vault.server({
      version: '1.16.3',
      secrets,
      tokens: [{ id: 'hvs.static-token-0001', ttl: 60, renewable: false }],
    });
    const clock = manualClock(server);
    const source = vault.track(
      vaultSource({
        address: server.url,
        kv: 2,
        clock,
        auth: { method: 'token', token: 'hvs.static-token-0001' },
        secrets: [{ path: 'secret/shared' }],
      }),
    );
    await source.load(sourceContext());
    clock.advance(61_000);
    const error = await rejectionOf(source.load(sourceContext()));
    expect(error.message).toContain(
      'Vault rejected the token from auth.token with a bare 403 after its lease ran out (Vault before 1.17 says only "permission denied" for a dead token)',
    );
    expect(error.message).toContain('a static token cannot log in again');
  });

  it('still reports a denied path as a missing grant while the token is sound', async () => {
    const server = await vault.server({
      version: '1.16.3',
      secrets,
      approle: { roles: [{ roleId: 'app', secretId, policies: ['none'] }] },
      policies: { none: [] },
    });
    const source = vault.track(
      vaultSource({
        address: server.url,
        kv: 2,
        auth: { method: 'approle', roleId: 'app', secretId },
        secrets: [{ path: 'secret/shared' }],
      }),
    );
    const error = await rejectionOf(source.load(sourceContext()));
    expect(error.message).toContain(
      "The token's policies do not allow this request: grant it on secret/data/shared",
    );
    expect(server.requests({ path: logins })).toHaveLength(1);
  });
});
