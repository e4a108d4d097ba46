import { SourceError, StrataError } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { ssmSource } from '../src/index.js';
import { originAt, sourceContext, valuesOf } from '@strata-internal/test-support';
import { startSsm, track } from './support/lifecycle.js';

describe('ssmSource: explicit names', () => {
  it('reads the named parameters with GetParameters, 10 names a request', async () => {
    const parameters: Record<string, string> = {};
    const names: string[] = [];
    for (let i = 0; i < 23; i++) {
      parameters[`/app/prod/n${String(i).padStart(2, '0')}`] = String(i);
      names.push(`/app/{env}/n${String(i).padStart(2, '0')}`);
    }
    parameters['/app/prod/unlisted'] = 'not asked for';
    const server = await startSsm({ parameters });
    const source = track(ssmSource({ path: '/app/{env}/', names, clientOptions: server.clientOptions }));

    const layer = await source.load(sourceContext({ environment: 'prod' }));

    expect(layer.entries).toHaveLength(23);
    expect(valuesOf(layer).n22).toBe('22');
    expect(valuesOf(layer)).not.toHaveProperty('unlisted');
    const requests = server.requestLog;
    expect(requests.map((r) => r.operation)).toEqual(['GetParameters', 'GetParameters', 'GetParameters']);
    expect(requests.map((r) => (r.body as { Names: string[] }).Names.length)).toEqual([10, 10, 3]);
    expect(requests[0]?.body).toMatchObject({ WithDecryption: true });
  });

  it('resolves names without a leading slash against the path, and keeps every segment of names outside it', async () => {
    const server = await startSsm({
      parameters: {
        '/app/prod/database/password': { value: 'pw', type: 'SecureString' },
        '/shared/region': 'eu-west-1',
      },
    });
    const source = track(
      ssmSource({
        path: '/app/{env}',
        names: ['database/password', '/shared/region'],
        clientOptions: server.clientOptions,
      }),
    );

    const layer = await source.load(sourceContext({ environment: 'prod' }));

    expect(valuesOf(layer)).toEqual({ 'database.password': 'pw', 'shared.region': 'eu-west-1' });
    expect(originAt(layer, 'database.password')).toMatchObject({ secret: true, version: 1 });
    expect(source.name).toBe('aws-ssm:/app/{env}');
  });

  it('sends full parameter ARNs whole and keys them by the last part of their name (or under the path)', async () => {
    const server = await startSsm({
      parameters: {
        '/shared/db/password': { value: 'shared-pw', type: 'SecureString' },
        '/app/prod/database/host': 'db.internal',
      },
    });
    const arn = (name: string) => `arn:aws:ssm:us-east-1:123456789012:parameter${name}`;
    const source = track(
      ssmSource({
        path: '/app/{env}/',
        names: [arn('/shared/db/password'), arn('/app/{env}/database/host')],
        clientOptions: server.clientOptions,
      }),
    );

    const layer = await source.load(sourceContext({ environment: 'prod' }));

    expect(server.requestLog[0]?.body).toMatchObject({
      Names: [arn('/shared/db/password'), arn('/app/prod/database/host')],
    });
    expect(valuesOf(layer)).toEqual({ password: 'shared-pw', 'database.host': 'db.internal' });
    expect(originAt(layer, 'password')).toMatchObject({ locator: arn('/shared/db/password'), secret: true });
  });

  it('fails naming every missing parameter (InvalidParameters) unless optional', async () => {
    const server = await startSsm({ parameters: { '/app/prod/a': '1' } });
    const source = track(
      ssmSource({
        names: ['/app/prod/a', '/app/prod/missing', '/app/prod/gone'],
        clientOptions: server.clientOptions,
      }),
    );

    const error = await source.load(sourceContext({ environment: 'prod' })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SourceError);
    expect(StrataError.is(error, 'SOURCE_FAILED')).toBe(true);
    expect((error as SourceError).source).toBe('aws-ssm:/app/prod/a,/app/prod/missing,/app/prod/gone');
    expect((error as Error).message).toContain('parameters not found: /app/prod/missing, /app/prod/gone');
    expect((error as Error).message).toContain('optional: true');
  });

  it('goes on with a warning for missing names when optional', async () => {
    const server = await startSsm({ parameters: { '/app/prod/a': '1' } });
    const source = track(
      ssmSource({
        path: '/app/prod/',
        names: ['a', 'missing'],
        optional: true,
        clientOptions: server.clientOptions,
      }),
    );

    const layer = await source.load(sourceContext({ environment: 'prod' }));

    expect(source.optional).toBe(true);
    expect(valuesOf(layer)).toEqual({ a: '1' });
    expect(layer.warnings).toEqual(['Parameters not found (optional): /app/prod/missing']);
  });
});
