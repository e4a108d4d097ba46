import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { type SsmSourceOptions, ssmSource } from '@strata/aws-ssm';
import {
  type Config,
  type ConfigEvent,
  ConfigValidationError,
  formatOrigin,
  loadConfig,
  REDACTED,
  Section,
  SourceError,
} from '@strata/core';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { afterEach, describe, expect, it } from 'vitest';
import { nextEvent, ofType, recordEvents } from '@strata-internal/test-support';
import {
  type SeedParameter,
  type SsmTestServer,
  startSsmTestServer,
} from '@strata-internal/test-support/ssm';

// End to end: the real @strata/aws-ssm source (and the real AWS SDK), driven by the engine (loadConfig with
// watch), against the SSM test server on a real socket. Assertions are about what the application observes.

@Section('database')
class DatabaseConfig {
  @IsString() host = 'localhost';
  @IsInt() @Min(1) @Max(65535) port = 5432;
  @IsInt() @Min(1) poolSize = 10;
  @IsOptional() @IsString() password?: string;
}

@Section('cors')
class CorsConfig {
  @IsString({ each: true }) origins: string[] = [];
  @IsInt({ each: true }) @Min(1, { each: true }) @Max(65535, { each: true }) ports: number[] = [];
}

const SOURCE = 'aws-ssm:/app/{env}/';
const ARN = 'arn:aws:ssm:us-east-1:123456789012:parameter';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startSsm(parameters: Record<string, SeedParameter>): Promise<SsmTestServer> {
  const server = await startSsmTestServer({ parameters });
  cleanups.push(() => server.stop());
  return server;
}

/** Load `/app/{env}/` through the engine, watching, as the production environment; closed after the test. */
async function load(
  server: SsmTestServer,
  options: Partial<SsmSourceOptions> = {},
): Promise<{ config: Config; events: ConfigEvent[] }> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'strata-e2e-ssm-'));
  cleanups.push(() => rm(cwd, { recursive: true, force: true }));
  const config = await loadConfig(
    {
      sections: [DatabaseConfig, CorsConfig],
      sources: [
        ssmSource({
          path: '/app/{env}/',
          // One attempt a request keeps outages quick to observe; the SDK's retries are tested in the package.
          clientOptions: { ...server.clientOptions, maxAttempts: 1 },
          pollIntervalMs: 150,
          requestTimeoutMs: 2000,
          backoff: { initialDelayMs: 100, maxDelayMs: 300 },
          ...options,
        }),
      ],
    },
    { watch: true, env: { STRATA_ENV: 'prod' }, cwd },
  );
  cleanups.push(() => config.close());
  return { config, events: recordEvents(config) };
}

const byPath = (server: SsmTestServer) =>
  server.requestLog.filter((entry) => entry.operation === 'GetParametersByPath').length;

describe('SSM Parameter Store through the engine', () => {
  it('maps the hierarchy with relaxed names and delivers a new version as a `changed` event within one poll', async () => {
    const server = await startSsm({
      '/app/prod/database/host': 'db.internal',
      '/app/prod/database/port': '5432',
      '/app/prod/database/pool_size': '20',
    });
    // A longer interval here, so "the first poll after the change" is distinguishable from the next one.
    const { config, events } = await load(server, { pollIntervalMs: 1000 });
    let readsAtEvent = 0;
    config.once('changed', () => {
      readsAtEvent = byPath(server);
    });
    expect(config.get(DatabaseConfig)).toMatchObject({ host: 'db.internal', port: 5432, poolSize: 20 });
    expect(formatOrigin(config.snapshot.originOf('database.poolSize')!)).toBe(
      `aws-ssm ${ARN}/app/prod/database/pool_size@v1`,
    );

    const readsBeforePut = byPath(server);
    expect(server.put('/app/prod/database/port', '6543').version).toBe(2);
    const changed = await nextEvent(events, 'changed');

    // Applied by the first poll after the change: the engine's reload reuses what that poll read.
    expect(readsAtEvent - readsBeforePut).toBeLessThanOrEqual(1);
    expect(changed.diff).toEqual([
      {
        path: 'database.port',
        before: 5432,
        after: 6543,
        secret: false,
        origin: { source: 'aws-ssm', locator: `${ARN}/app/prod/database/port`, version: 2 },
      },
    ]);
    expect(changed.reasons).toEqual([{ source: SOURCE, detail: '/app/prod/database/port v2' }]);
    expect(config.get(DatabaseConfig).port).toBe(6543);
    expect(config.explain('database.port')?.candidates).toEqual([
      {
        origin: { source: 'aws-ssm', locator: `${ARN}/app/prod/database/port`, version: 2 },
        value: '6543',
        winner: true,
      },
    ]);
  });

  it('keeps the last good values through an outage, reports it once, recovers and catches up', async () => {
    const server = await startSsm({ '/app/prod/database/port': '5432' });
    const { config, events } = await load(server);

    server.fail('internalError', { times: Number.POSITIVE_INFINITY });
    const failed = await nextEvent(events, 'sourceFailed');
    expect(failed).toMatchObject({ source: SOURCE, willRetry: true });
    expect(SourceError.is(failed.error)).toBe(true);
    expect(failed.error.message).toContain('GetParametersByPath');
    const failures = server.requestLog.filter((entry) => entry.fault !== undefined).length;
    await server.waitForRequests(failures + 2, { filter: (entry) => entry.fault !== undefined });
    expect(ofType(events, 'sourceFailed')).toHaveLength(1);
    expect(config.get(DatabaseConfig).port).toBe(5432);
    expect(config.generation).toBe(1);

    server.put('/app/prod/database/port', '6543');
    server.clearFaults();
    await nextEvent(events, 'sourceRecovered');
    const changed = await nextEvent(events, 'changed');
    expect(changed.diff).toMatchObject([{ path: 'database.port', before: 5432, after: 6543 }]);
    expect(config.get(DatabaseConfig).port).toBe(6543);
  });

  it('gives the application a SecureString but redacts it in events, explain, JSON and inspect', async () => {
    const server = await startSsm({
      '/app/prod/database/password': { value: 'ssm-secret-one', type: 'SecureString' },
    });
    const { config, events } = await load(server);
    expect(config.get(DatabaseConfig).password).toBe('ssm-secret-one');

    const why = config.explain('database.password')!;
    const origin = {
      source: 'aws-ssm',
      locator: `${ARN}/app/prod/database/password`,
      version: 1,
      secret: true,
    };
    expect(why).toMatchObject({ value: REDACTED, secret: true, source: origin });
    expect(why.candidates).toEqual([{ origin, value: REDACTED, winner: true }]);
    expect(JSON.stringify(config)).toContain(`"password":"${REDACTED}"`);

    server.put('/app/prod/database/password', 'ssm-secret-two');
    const changed = await nextEvent(events, 'changed');
    expect(changed.diff).toEqual([
      {
        path: 'database.password',
        before: REDACTED,
        after: REDACTED,
        secret: true,
        origin: { ...origin, version: 2 },
      },
    ]);
    expect(config.get(DatabaseConfig).password).toBe('ssm-secret-two');
    const printed = [
      JSON.stringify({ config, changed, explain: config.explain('database.password') }),
      JSON.stringify(config.get(DatabaseConfig)),
      inspect(config, { depth: 10 }),
      inspect(config.get(DatabaseConfig)),
    ].join('\n');
    expect(printed).not.toMatch(/ssm-secret/);
  });

  it('turns StringLists into string[] and number[] fields, converting and validating each item', async () => {
    const server = await startSsm({
      '/app/prod/cors/origins': { value: 'https://a.example,https://b.example', type: 'StringList' },
      '/app/prod/cors/ports': { value: '8080,8443', type: 'StringList' },
    });
    const { config, events } = await load(server);
    expect(config.get(CorsConfig)).toEqual({
      origins: ['https://a.example', 'https://b.example'],
      ports: [8080, 8443],
    });

    server.put('/app/prod/cors/ports', '8080,http');
    const rejected = await nextEvent(events, 'rejected');
    expect(rejected.error).toBeInstanceOf(ConfigValidationError);
    expect(rejected.error.code).toBe('CONFIG_INVALID');
    expect(rejected.error.message).toContain('cors.ports');
    expect(rejected.error.message).toContain(`aws-ssm ${ARN}/app/prod/cors/ports@v2`);
    expect(config.get(CorsConfig).ports).toEqual([8080, 8443]);

    server.put('/app/prod/cors/ports', '9090');
    const changed = await nextEvent(events, 'changed');
    expect(changed.diff).toMatchObject([{ path: 'cors.ports', before: [8080, 8443], after: [9090] }]);
  });

  it('fails fast when Parameter Store denies access at start-up, naming the permission', async () => {
    const server = await startSsm({ '/app/prod/database/port': '5432' });
    server.fail('accessDenied', { times: Number.POSITIVE_INFINITY });
    const error = await load(server).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(SourceError.is(error)).toBe(true);
    expect((error as SourceError).source).toBe(SOURCE);
    expect((error as Error).message).toContain('AccessDeniedException');
    expect((error as Error).message).toContain('ssm:GetParametersByPath');
  });

  it('starts without an optional source that is down, and applies its values once it answers', async () => {
    const server = await startSsm({ '/app/prod/database/port': '6543' });
    server.fail('internalError', { times: Number.POSITIVE_INFINITY });
    const { config, events } = await load(server, { optional: true });
    expect(config.get(DatabaseConfig).port).toBe(5432);
    expect(config.startupFailures).toMatchObject([{ source: SOURCE, willRetry: true }]);

    server.clearFaults();
    const changed = await nextEvent(events, 'changed');
    expect(changed.diff).toMatchObject([{ path: 'database.port', before: 5432, after: 6543 }]);
    await nextEvent(events, 'sourceRecovered');
    expect(config.get(DatabaseConfig).port).toBe(6543);
  });
});
