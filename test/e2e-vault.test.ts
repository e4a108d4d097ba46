import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type Config,
  type ConfigDefinition,
  type ConfigEvent,
  type ConfigSource,
  ConfigValidationError,
  formatOrigin,
  loadConfig,
  REDACTED,
  Section,
  SourceError,
} from '@strata/core';
import { layerFromTree } from '@strata/core/source';
import { ssmSource } from '@strata/aws-ssm';
import { type VaultSourceOptions, vaultSource } from '@strata/vault';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { afterEach, describe, expect, it } from 'vitest';
import { nextEvent, ofType, recordEvents } from '@strata-internal/test-support';
import { startSsmTestServer } from '@strata-internal/test-support/ssm';
import { startVaultTestServer, type VaultTestServer } from '@strata-internal/test-support/vault';

// End to end: the real @strata/vault source, driven by the engine (loadConfig with watch), against the Vault
// test server on a real socket. Every assertion is about what the application observes: values, events,
// errors and `explain`.

@Section('database')
class DatabaseConfig {
  @IsString() host = 'localhost';
  @IsInt() @Min(1) @Max(65535) port = 5432;
  @IsOptional() @IsString() password?: string;
}

const TOKEN = 'hvs.e2e-root-token';
const SOURCE = 'vault:secret/app/{env}';
const DATA = '/v1/secret/data/app/prod';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startVault(options: Parameters<typeof startVaultTestServer>[0]): Promise<VaultTestServer> {
  const server = await startVaultTestServer(options);
  cleanups.push(() => server.stop());
  return server;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'strata-e2e-vault-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The Vault source as an application would declare it, with test-sized intervals and retries. */
function databaseFromVault(options: Partial<VaultSourceOptions> = {}): ConfigSource {
  return vaultSource({
    secrets: [{ path: 'secret/app/{env}', into: 'database' }],
    pollIntervalMs: 150,
    requestTimeoutMs: 2000,
    retry: { attempts: 2, baseDelayMs: 20, maxDelayMs: 50 },
    ...options,
  });
}

/** Load through the engine, watching, as the production environment; closed after the test. */
async function load(
  sources: ConfigDefinition['sources'],
  env: Record<string, string>,
  cwd?: string,
): Promise<{ config: Config; events: ConfigEvent[] }> {
  const config = await loadConfig(
    { sections: [DatabaseConfig], sources },
    { watch: true, env: { STRATA_ENV: 'prod', ...env }, cwd: cwd ?? (await tempDir()) },
  );
  cleanups.push(() => config.close());
  return { config, events: recordEvents(config) };
}

describe('Vault through the engine', () => {
  it('delivers a new KV version as a redacted `changed` event within one poll, with path@version origins', async () => {
    const vault = await startVault({
      secrets: { 'secret/app/prod': { host: 'db-1.internal', password: 'first-pass' } },
      tokens: [TOKEN],
    });
    // A longer interval here, so "the first poll after the write" is distinguishable from the next one.
    const { config, events } = await load([databaseFromVault({ pollIntervalMs: 1000 })], {
      VAULT_ADDR: vault.url,
      VAULT_TOKEN: TOKEN,
    });
    let readsAtEvent = 0;
    config.once('changed', () => {
      readsAtEvent = vault.requests({ path: DATA }).length;
    });
    expect(config.get(DatabaseConfig)).toMatchObject({ host: 'db-1.internal', password: 'first-pass' });
    expect(formatOrigin(config.snapshot.originOf('database.password')!)).toBe(
      'vault secret/data/app/prod#password@v1',
    );

    const readsBeforeWrite = vault.requests({ path: DATA }).length;
    expect(vault.writeSecret('secret/app/prod', { host: 'db-2.internal', password: 'second-pass' })).toBe(2);
    const changed = await nextEvent(events, 'changed');

    // Applied by the first poll after the write: the engine's reload reuses what that poll read.
    expect(readsAtEvent - readsBeforeWrite).toBeLessThanOrEqual(1);
    const origin = (key: string) => ({
      source: 'vault',
      locator: `secret/data/app/prod#${key}`,
      version: 2,
      secret: true,
    });
    expect(changed.diff).toEqual([
      { path: 'database.host', before: REDACTED, after: REDACTED, secret: true, origin: origin('host') },
      {
        path: 'database.password',
        before: REDACTED,
        after: REDACTED,
        secret: true,
        origin: origin('password'),
      },
    ]);
    expect(changed.reasons).toEqual([{ source: SOURCE, detail: 'secret/app/prod v2' }]);
    expect(config.get(DatabaseConfig)).toMatchObject({ host: 'db-2.internal', password: 'second-pass' });

    const why = config.explain('database.password')!;
    expect(why.value).toBe(REDACTED);
    expect(why.source).toEqual(origin('password'));
    expect(formatOrigin(why.source as never)).toBe('vault secret/data/app/prod#password@v2');
    const printed = JSON.stringify({ config, changed, why });
    expect(printed).not.toMatch(/first-pass|second-pass|db-1\.internal|db-2\.internal/);
    expect(ofType(events, 'sourceFailed')).toEqual([]);
  });

  it('fails fast with a clear SourceError when Vault is sealed at start-up', async () => {
    const vault = await startVault({
      secrets: { 'secret/app/prod': { password: 'p' } },
      tokens: [TOKEN],
      sealed: true,
    });
    const error = await loadConfig(
      { sections: [DatabaseConfig], sources: [databaseFromVault()] },
      { env: { STRATA_ENV: 'prod', VAULT_ADDR: vault.url, VAULT_TOKEN: TOKEN }, cwd: await tempDir() },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(SourceError.is(error)).toBe(true);
    const failure = error as SourceError;
    expect(failure.source).toBe(SOURCE);
    expect(failure.message).toContain(`Source "${SOURCE}": Vault at ${vault.url}`);
    expect(failure.message).toContain('Vault is sealed: unseal it, or mark the source optional');
    expect(failure.message).not.toContain(TOKEN);
  });

  it('starts without an optional sealed Vault, reports it, and applies its values after unseal', async () => {
    const vault = await startVault({
      secrets: { 'secret/app/prod': { password: 'late-pass' } },
      tokens: [TOKEN],
      sealed: true,
    });
    const { config, events } = await load([databaseFromVault({ optional: true })], {
      VAULT_ADDR: vault.url,
      VAULT_TOKEN: TOKEN,
    });
    expect(config.get(DatabaseConfig).password).toBeUndefined();
    expect(config.startupFailures).toHaveLength(1);
    expect(config.startupFailures[0]).toMatchObject({
      type: 'sourceFailed',
      source: SOURCE,
      willRetry: true,
    });
    expect(config.startupFailures[0]?.error.message).toContain('Vault is sealed');

    // Let the poller meet the sealed Vault at least once before it is unsealed.
    const sealedAtStart = vault.requests({ status: 503 }).length;
    await vault.waitForRequests({ status: 503 }, { count: sealedAtStart + 1, answered: true });
    vault.unseal();
    const changed = await nextEvent(events, 'changed');
    expect(changed.diff).toEqual([
      expect.objectContaining({ path: 'database.password', before: undefined, after: REDACTED }),
    ]);
    expect(config.get(DatabaseConfig).password).toBe('late-pass');
    await nextEvent(events, 'sourceRecovered');
  });

  it('keeps serving the last good values while Vault is sealed mid-run, reports it once, and recovers', async () => {
    const vault = await startVault({
      secrets: { 'secret/app/prod': { password: 'kept-pass' } },
      tokens: [TOKEN],
    });
    const { config, events } = await load([databaseFromVault()], {
      VAULT_ADDR: vault.url,
      VAULT_TOKEN: TOKEN,
    });

    vault.seal();
    const failed = await nextEvent(events, 'sourceFailed');
    expect(failed).toMatchObject({ source: SOURCE, willRetry: true, error: { code: 'SOURCE_FAILED' } });
    expect(failed.error.message).toContain('Vault is sealed');
    const sealedPolls = vault.requests({ status: 503 }).length;
    await vault.waitForRequests({ status: 503 }, { count: sealedPolls + 3, answered: true });
    expect(ofType(events, 'sourceFailed')).toHaveLength(1);
    expect(config.get(DatabaseConfig).password).toBe('kept-pass');
    expect(config.generation).toBe(1);

    vault.unseal();
    await nextEvent(events, 'sourceRecovered');
    expect(ofType(events, 'changed')).toEqual([]);
    expect(config.get(DatabaseConfig).password).toBe('kept-pass');

    vault.writeSecret('secret/app/prod', { password: 'after-recovery' });
    await nextEvent(events, 'changed');
    expect(config.get(DatabaseConfig).password).toBe('after-recovery');
  });

  it('logs in again with AppRole when the token expires mid-run, and values keep flowing', async () => {
    const vault = await startVault({
      secrets: { 'secret/app/prod': { password: 'approle-1' } },
      approle: { roles: [{ roleId: 'billing', secretId: 'e2e-secret-id' }] },
    });
    const cwd = await tempDir();
    await writeFile(path.join(cwd, 'secret-id'), 'e2e-secret-id\n');
    const { config, events } = await load(
      [databaseFromVault({ auth: { method: 'approle', roleId: 'billing', secretIdFile: 'secret-id' } })],
      { VAULT_ADDR: vault.url },
      cwd,
    );
    const logins = () => vault.requests({ path: '/v1/auth/approle/login', status: 200 }).length;
    expect(logins()).toBe(1);

    expect(vault.expireTokens({ method: 'approle' })).toBe(1);
    vault.writeSecret('secret/app/prod', { password: 'approle-2' });
    await nextEvent(events, 'changed');
    expect(config.get(DatabaseConfig).password).toBe('approle-2');
    expect(logins()).toBe(2);
    expect(ofType(events, 'sourceFailed')).toEqual([]);
  });

  it('rejects a new version that breaks the schema and keeps the old value, then takes a valid one', async () => {
    const vault = await startVault({ secrets: { 'secret/app/prod': { port: '6432' } }, tokens: [TOKEN] });
    const { config, events } = await load([databaseFromVault()], {
      VAULT_ADDR: vault.url,
      VAULT_TOKEN: TOKEN,
    });
    expect(config.get(DatabaseConfig).port).toBe(6432);

    vault.writeSecret('secret/app/prod', { port: '70000' });
    const rejected = await nextEvent(events, 'rejected');
    expect(rejected.error).toBeInstanceOf(ConfigValidationError);
    expect(rejected.error.code).toBe('CONFIG_INVALID');
    expect(rejected.error.message).toContain(
      `database.port: must not be greater than 65535 — got ${REDACTED} from vault secret/data/app/prod#port@v2`,
    );
    expect(rejected.error.message).not.toContain('70000');
    expect(rejected.generation).toBe(1);
    expect(config.get(DatabaseConfig).port).toBe(6432);
    expect(config.explain('database.port')?.source).toMatchObject({ version: 1 });

    vault.writeSecret('secret/app/prod', { port: '7432' });
    const changed = await nextEvent(events, 'changed');
    expect(changed.generation).toBe(2);
    expect(config.get(DatabaseConfig).port).toBe(7432);
  });
});

describe('remote sources together', () => {
  it('load in parallel and merge in declared order, whatever order they finish in', async () => {
    const vault = await startVault({
      secrets: { 'secret/app/prod': { host: 'vault-host', port: '6000' } },
      tokens: [TOKEN],
    });
    const ssm = await startSsmTestServer({ parameters: { '/app/prod/database/port': '7000' } });
    cleanups.push(() => ssm.stop());
    // Vault answers last, SSM first: completion order must not decide precedence.
    vault.injectFault({ kind: 'delay', ms: 300 }, { path: DATA });
    // The first-declared source finishes only once both remote sources have been asked: a sequential
    // engine would never get that far.
    const fixed: ConfigSource = {
      name: 'defaults-file',
      async load() {
        await vault.waitForRequests({ path: DATA }, { timeoutMs: 5000 });
        await ssm.waitForRequests(1, { timeoutMs: 5000 });
        return layerFromTree({
          source: 'defaults-file',
          tree: { database: { host: 'file-host', port: 5000, password: 'file-pass' } },
          originOf: (at) => ({ source: 'file', locator: `config/default.yaml#${at.join('.')}` }),
        });
      },
    };
    const { config } = await load(
      [
        fixed,
        databaseFromVault(),
        ssmSource({ path: '/app/{env}/', clientOptions: ssm.clientOptions, pollIntervalMs: 0 }),
      ],
      { VAULT_ADDR: vault.url, VAULT_TOKEN: TOKEN },
    );

    expect(config.get(DatabaseConfig)).toMatchObject({
      host: 'vault-host',
      port: 7000,
      password: 'file-pass',
    });
    const port = config.explain('database.port')!;
    expect(port.candidates.map((c) => [c.origin.source, c.winner])).toEqual([
      ['file', false],
      ['vault', false],
      ['aws-ssm', true],
    ]);
    expect(config.explain('database.host')?.source).toMatchObject({ source: 'vault' });
    expect(config.explain('database.password')?.source).toMatchObject({ source: 'file' });
  });
});
