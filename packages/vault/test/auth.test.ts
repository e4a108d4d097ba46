import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StrataError } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { vaultSource } from '../src/index.js';
import {
  recordingSignals,
  rejectionOf,
  sourceContext,
  valuesOf,
  waitFor,
} from '@strata-internal/test-support';
import { manualClock } from './support/manual-clock.js';
import { useVault } from './support/use-vault.js';

const vault = useVault();
const here = fileURLToPath(new URL('.', import.meta.url));
const secretId = 'fixture-secret-id-7d1c9a3e';
const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6YXBwIn0.fixture-signature';
const secrets = { 'secret/app/production': { password: 'p4ss' }, 'secret/shared': { region: 'eu' } };
const logins = /\/v1\/auth\/(approle|kubernetes)\/login$/;

describe('vaultSource authentication', () => {
  it('reads the token from tokenFile (relative to cwd)', async () => {
    const server = await vault.server({ secrets, tokens: ['hvs.fixture-token-from-file'] });
    const source = vault.track(
      vaultSource({
        address: server.url,
        auth: { method: 'token', tokenFile: 'fixtures/vault-token' },
        secrets: [{ path: 'secret/app/{env}' }],
      }),
    );
    expect(valuesOf(await source.load(sourceContext({ cwd: here })))).toEqual({ password: 'p4ss' });
  });

  it('logs in with AppRole lazily, reading secretIdFile', async () => {
    const server = await vault.server({ secrets, approle: { roles: [{ roleId: 'app', secretId }] } });
    const source = vault.track(
      vaultSource({
        address: server.url,
        auth: { method: 'approle', roleId: 'app', secretIdFile: 'fixtures/approle-secret-id' },
        secrets: [{ path: 'secret/app/{env}' }],
      }),
    );
    expect(server.requests()).toHaveLength(0);
    expect(valuesOf(await source.load(sourceContext({ cwd: here })))).toEqual({ password: 'p4ss' });
    expect(server.requests({ path: logins, method: 'POST', status: 200 })).toHaveLength(1);
    expect(server.tokens().map((t) => t.method)).toEqual(['approle']);
  });

  it('logs in with Kubernetes, reading jwtFile, on a custom mount', async () => {
    const server = await vault.server({
      secrets,
      kubernetes: { mount: 'k8s-east', roles: [{ role: 'app', jwt }] },
    });
    const source = vault.track(
      vaultSource({
        address: server.url,
        auth: {
          method: 'kubernetes',
          role: 'app',
          jwtFile: join(here, 'fixtures/kubernetes-jwt'),
          mount: 'k8s-east',
        },
        secrets: [{ path: 'secret/shared' }],
      }),
    );
    expect(valuesOf(await source.load(sourceContext()))).toEqual({ region: 'eu' });
    expect(server.requests({ path: '/v1/auth/k8s-east/login', status: 200 })).toHaveLength(1);
  });

  it('fails clearly, without retrying, when a login or a path is refused', async () => {
    const server = await vault.server({
      secrets,
      approle: { roles: [{ roleId: 'app', secretId: 'the-right-one' }] },
      kubernetes: { roles: [{ role: 'app', jwt: 'another-jwt' }] },
      tokens: [{ id: 'hvs.limited-token-1234', policies: ['app'] }],
      policies: { app: ['secret/data/shared'] },
    });
    const approle = vault.track(
      vaultSource({
        address: server.url,
        auth: { method: 'approle', roleId: 'app', secretId },
        secrets: [{ path: 'secret/shared' }],
      }),
    );
    const loginError = await rejectionOf(approle.load(sourceContext()));
    expect(loginError.message).toContain(
      'logging in with AppRole (auth/approle/login) failed: POST /v1/auth/approle/login answered 400: invalid secret id',
    );
    expect(server.requests({ path: logins })).toHaveLength(1);

    const missingJwt = vault.track(
      vaultSource({
        address: server.url,
        auth: { method: 'kubernetes', role: 'app', jwtFile: 'no/such/jwt' },
        secrets: [{ path: 'secret/shared' }],
      }),
    );
    const fileError = await rejectionOf(missingJwt.load(sourceContext({ cwd: here })));
    expect(fileError.message).toContain(`cannot read auth.jwtFile ${join(here, 'no/such/jwt')} (ENOENT)`);

    // A link to /dev/zero or a FIFO ends at once, naming the option and the file (never its content).
    const scratchDir = await mkdtemp(join(tmpdir(), 'strata-vault-jwt-'));
    try {
      await symlink('/dev/zero', join(scratchDir, 'zero'));
      execFileSync('mkfifo', [join(scratchDir, 'fifo')]);
      for (const [name, reason] of [
        ['zero', 'not a regular file'],
        ['fifo', 'not a regular file'],
      ] as const) {
        const special = vault.track(
          vaultSource({
            address: server.url,
            auth: { method: 'kubernetes', role: 'app', jwtFile: name },
            secrets: [{ path: 'secret/shared' }],
          }),
        );
        const specialError = await rejectionOf(special.load(sourceContext({ cwd: scratchDir })));
        expect(specialError.message).toContain(
          `cannot read auth.jwtFile ${join(scratchDir, name)} (${reason})`,
        );
      }
    } finally {
      await rm(scratchDir, { recursive: true, force: true });
    }

    const denied = vault.track(
      vaultSource({
        address: server.url,
        kv: 2,
        auth: { method: 'token', token: 'hvs.limited-token-1234' },
        secrets: [{ path: 'secret/app/{env}' }],
      }),
    );
    const deniedError = await rejectionOf(denied.load(sourceContext()));
    expect(StrataError.is(deniedError, 'SOURCE_FAILED')).toBe(true);
    expect(deniedError.message).toContain(
      'reading secret/app/production failed: GET /v1/secret/data/app/production answered 403: permission denied',
    );
    expect(deniedError.message).toContain("The token's policies do not allow this request");
    expect(server.requests({ path: '/v1/secret/data/app/production' })).toHaveLength(1);
  });

  it('renews at 2/3 of the TTL and logs in again when the max TTL shortens the lease', async () => {
    const server = await vault.server({
      secrets,
      approle: { roles: [{ roleId: 'app', secretId, ttl: 30, maxTtl: 45 }] },
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
    expect(clock.pending()).toEqual([20_000]);
    clock.advance(20_000);
    const [renewal] = await server.waitForRequests({ path: '/v1/auth/token/renew-self' }, { answered: true });
    expect(renewal!.status).toBe(200);
    // Renewed lease: min(30 s, 45 s - 20.x s), in whole seconds 24 s, shorter than 30 s, so the next step is a
    // login at 2/3 of it.
    await waitFor('the next step planned', () => clock.pending().length === 1);
    expect(clock.pending()).toEqual([16_000]);
    clock.advance(16_000);
    await server.waitForRequests({ path: logins }, { count: 2, answered: true });
    expect(server.requests({ path: '/v1/auth/token/renew-self' })).toHaveLength(1);
    expect(valuesOf(await source.load(sourceContext()))).toEqual({ region: 'eu' });
  });

  it('keeps a renewable static token alive past its TTL', async () => {
    const server = await vault.server({ secrets, tokens: [{ id: 'hvs.static-token-abc', ttl: 3 }] });
    const clock = manualClock(server);
    const source = vault.track(
      vaultSource({
        address: server.url,
        kv: 2,
        clock,
        auth: { method: 'token', token: 'hvs.static-token-abc' },
        secrets: [{ path: 'secret/shared' }],
      }),
    );
    await source.load(sourceContext());
    for (const count of [1, 2]) {
      await waitFor('a renewal planned', () => clock.pending().length === 1);
      clock.advance(2000);
      await server.waitForRequests({ path: '/v1/auth/token/renew-self', status: 200 }, { count });
    }
    expect(server.tokens()[0]!.renewals).toBe(2);
    // 4 s after its 3 s TTL began, the token still works.
    expect(valuesOf(await source.load(sourceContext()))).toEqual({ region: 'eu' });
  });

  it('logs in exactly once more when the token expires mid-run, with parallel reads', async () => {
    const server = await vault.server({ secrets, approle: { roles: [{ roleId: 'app', secretId }] } });
    const source = vault.track(
      vaultSource({
        address: server.url,
        kv: 2,
        pollIntervalMs: 100,
        auth: { method: 'approle', roleId: 'app', secretId },
        secrets: [{ path: 'secret/app/{env}' }, { path: 'secret/shared' }],
      }),
    );
    const context = sourceContext();
    await source.load(context);
    const signals = recordingSignals();
    const watcher = source.watch!(context, signals);
    vault.onCleanup(() => watcher.dispose());

    expect(server.expireTokens({ method: 'approle' })).toBe(1);
    await server.waitForRequests({ path: logins }, { count: 2, answered: true });
    const after = server.requests({ path: '/v1/secret/data/shared' }).length;
    await server.waitForRequests({ path: '/v1/secret/data/shared', status: 200 }, { count: after + 3 });

    expect(server.requests({ path: logins })).toHaveLength(2);
    expect(server.requests({ path: '/v1/secret/data/', status: 403 })).toHaveLength(2);
    expect(signals.calls).toEqual([]);
  });

  it('gives up after one re-login when the fresh token is refused too', async () => {
    const server = await vault.server({ secrets, approle: { roles: [{ roleId: 'app', secretId }] } });
    // Both reads are refused as invalid-token: the one before the re-login and the one after.
    server.injectFault(
      {
        kind: 'status',
        status: 403,
        errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'],
      },
      { times: 2, path: '/v1/secret/data/shared' },
    );
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
      'reading secret/shared failed: GET /v1/secret/data/shared answered 403: permission denied; invalid token',
    );
    expect(server.requests({ path: logins })).toHaveLength(2);
    expect(server.requests({ path: '/v1/secret/data/shared' })).toHaveLength(2);
  });

  it('re-reads tokenFile when Vault rejects the token; a plain static token reports it cannot log in', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'strata-vault-'));
    vault.onCleanup(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'token'), 'hvs.first-token-0001\n');
    const server = await vault.server({ secrets, tokens: ['hvs.first-token-0001', 'hvs.second-token-0002'] });
    const fromFile = vault.track(
      vaultSource({
        address: server.url,
        kv: 2,
        auth: { method: 'token', tokenFile: 'token' },
        secrets: [{ path: 'secret/shared' }],
      }),
    );
    const fixed = vault.track(
      vaultSource({
        address: server.url,
        kv: 2,
        auth: { method: 'token', token: 'hvs.first-token-0001' },
        secrets: [{ path: 'secret/shared' }],
      }),
    );
    const context = sourceContext({ cwd: dir });
    await fromFile.load(context);
    await fixed.load(context);

    await writeFile(join(dir, 'token'), 'hvs.second-token-0002\n');
    server.revokeToken('hvs.first-token-0001');
    expect(valuesOf(await fromFile.load(context))).toEqual({ region: 'eu' });
    const error = await rejectionOf(fixed.load(context));
    expect(error.message).toContain('Vault rejected the token from auth.token as invalid or expired');
    expect(error.message).toContain('a static token cannot log in again');
  });
});
