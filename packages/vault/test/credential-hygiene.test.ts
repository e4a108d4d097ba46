import { inspect } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { ConfigSource } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { vaultSource } from '../src/index.js';
import { recordingLogger, recordingSignals, sourceContext, waitFor } from '@strata-internal/test-support';
import { manualClock } from './support/manual-clock.js';
import { useVault } from './support/use-vault.js';

const vault = useVault();
const here = fileURLToPath(new URL('.', import.meta.url));
const staticToken = 'hvs.CAESIJ-static-token-never-print-me';
const secretId = 'fixture-secret-id-7d1c9a3e';
const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6YXBwIn0.fixture-signature';
const secretValue = 'correct-horse-battery-staple';

describe('vaultSource never reveals credentials', () => {
  it('keeps tokens, secret_id and JWT out of errors, signals and logs', async () => {
    const server = await vault.server({
      secrets: { 'secret/app/production': { password: secretValue } },
      tokens: [{ id: staticToken, ttl: 3, policies: ['app'] }],
      policies: { app: ['secret/data/app/*'] },
      approle: { roles: [{ roleId: 'app', secretId, ttl: 3, maxTtl: 5, policies: ['app'] }] },
      kubernetes: { roles: [{ role: 'app', jwt }] },
    });
    const logger = recordingLogger();
    const signals = recordingSignals();
    const context = sourceContext({
      cwd: here,
      logger,
      env: { VAULT_ADDR: server.url, VAULT_TOKEN: staticToken },
    });
    const texts: string[] = [];
    const collect = async (source: ConfigSource): Promise<void> => {
      try {
        await source.load(context);
      } catch (error) {
        texts.push(inspect(error, { depth: 20 }), String((error as Error).stack));
      }
    };
    const clock = manualClock(server);
    const make = (options: Partial<Parameters<typeof vaultSource>[0]>): ConfigSource =>
      vault.track(
        vaultSource({
          kv: 2,
          pollIntervalMs: 80,
          clock,
          retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 },
          secrets: [{ path: 'secret/app/{env}' }],
          ...options,
        }),
      );

    // Working sources that renew, re-login and poll through failures.
    const approle = make({
      auth: { method: 'approle', roleId: 'app', secretIdFile: 'fixtures/approle-secret-id' },
    });
    const fixed = make({});
    await collect(approle);
    await collect(fixed);
    const watchers = [approle.watch!(context, signals), fixed.watch!(context, signals)];
    vault.onCleanup(() => {
      for (const watcher of watchers) watcher.dispose();
    });
    // Both renew at 2/3 of 3 s; the AppRole token's renewal is cut to 3 s by its max TTL, then it logs in again.
    clock.advance(2000);
    await server.waitForRequests({ path: '/v1/auth/token/renew-self' }, { count: 2, answered: true });
    await waitFor('the next steps planned', () => clock.pending().length === 2);
    clock.advance(2000);
    await server.waitForRequests({ path: /\/login$/ }, { count: 2, answered: true });
    server.seal();
    await waitFor('both sources failing', () => signals.failures.length === 2);
    server.unseal();
    await waitFor(
      'both sources recovered',
      () => signals.calls.filter((e) => e === 'recovered').length === 2,
    );
    const failuresBefore = signals.failures.length;
    server.expireTokens();
    await waitFor('the static token failing', () => signals.failures.length > failuresBefore);

    // Failures at start-up of every kind.
    await collect(make({ auth: { method: 'approle', roleId: 'app', secretId: 'wrong-secret-id-123' } }));
    await collect(
      make({
        auth: { method: 'kubernetes', role: 'app', jwtFile: 'fixtures/kubernetes-jwt' },
        secrets: [{ path: 'secret/other' }],
      }),
    );
    await collect(
      make({ auth: { method: 'kubernetes', role: 'nobody', jwtFile: 'fixtures/kubernetes-jwt' } }),
    );
    await collect(make({ auth: { method: 'token', token: 'hvs.unknown-token-xyz' } }));
    server.injectFault({ kind: 'reset' }, { times: 2 });
    await collect(make({}));
    server.injectFault({ kind: 'malformed' }, { times: 5 });
    await collect(make({ auth: { method: 'approle', roleId: 'app', secretId } }));

    for (const failure of signals.failures) texts.push(inspect(failure.error, { depth: 20 }));
    for (const line of logger.lines) texts.push(`${line.message} ${inspect(line.fields, { depth: 20 })}`);
    expect(texts.length).toBeGreaterThan(8);

    const credentials = [
      staticToken,
      secretId,
      jwt,
      'wrong-secret-id-123',
      'hvs.unknown-token-xyz',
      ...server.tokens().map((t) => t.id),
    ];
    for (const text of texts) {
      for (const credential of credentials) expect(text).not.toContain(credential);
      expect(text).not.toContain(secretValue);
    }
    for (const request of server.requests()) {
      for (const credential of credentials) expect(JSON.stringify(request)).not.toContain(credential);
    }
  });
});
