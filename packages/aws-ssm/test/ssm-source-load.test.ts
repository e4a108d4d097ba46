import { StrataError, UnsafeKeyError, type ConfigSource } from '@strata/core';
import { describe, expect, it } from 'vitest';
import {
  SSM_TEST_CIPHERTEXT_PREFIX,
  type SsmTestServer,
  startSsmTestServer,
} from '@strata-internal/test-support/ssm';
import { originAt, sourceContext, valuesOf } from '@strata-internal/test-support';
import { type SsmSourceOptions, ssmSource } from '../src/index.js';
import { startSsm, track } from './support/lifecycle.js';

async function setup(
  parameters: Parameters<typeof startSsmTestServer>[0] = {},
  options: Partial<SsmSourceOptions> = {},
): Promise<{ server: SsmTestServer; source: ConfigSource }> {
  const server = await startSsm(parameters);
  const source = track(ssmSource({ path: '/app/{env}/', clientOptions: server.clientOptions, ...options }));
  return { server, source };
}

function byPathRequests(s: SsmTestServer) {
  return s.requestLog.filter((r) => r.operation === 'GetParametersByPath');
}

describe('ssmSource: reading a hierarchy', () => {
  it('maps names under the path to raw segments, textual, with ARN and version origins', async () => {
    const { server, source } = await setup({
      parameters: {
        '/app/prod/database/pool_size': '10',
        '/app/prod/database/host': 'db.internal',
        '/app/prod/LOG-LEVEL': 'debug',
        '/app/staging/database/host': 'elsewhere',
      },
    });
    server.put('/app/prod/database/host', 'db2.internal');

    const layer = await source.load(sourceContext({ environment: 'prod' }));

    expect(layer.source).toBe('aws-ssm:/app/{env}/');
    expect(layer.textual).toBe(true);
    expect(layer.entries.map((e) => e.path)).toEqual([
      ['LOG-LEVEL'],
      ['database', 'host'],
      ['database', 'pool_size'],
    ]);
    expect(valuesOf(layer)).toEqual({
      'LOG-LEVEL': 'debug',
      'database.host': 'db2.internal',
      'database.pool_size': '10',
    });
    expect(originAt(layer, 'database.host')).toEqual({
      source: 'aws-ssm',
      locator: 'arn:aws:ssm:us-east-1:123456789012:parameter/app/prod/database/host',
      version: 2,
    });
    const request = byPathRequests(server)[0];
    expect(request?.body).toMatchObject({
      Path: '/app/prod/',
      Recursive: true,
      WithDecryption: true,
      MaxResults: 10,
    });
    expect(request?.authorized).toBe(true);
  });

  it('reads every page when the path holds more than ten parameters', async () => {
    const parameters: Record<string, string> = {};
    for (let i = 0; i < 27; i++) parameters[`/app/prod/feature/f${String(i).padStart(2, '0')}`] = `v${i}`;
    const { server, source } = await setup({ parameters });

    const layer = await source.load(sourceContext({ environment: 'prod' }));

    expect(layer.entries).toHaveLength(27);
    expect(valuesOf(layer)['feature.f26']).toBe('v26');
    const requests = byPathRequests(server);
    expect(requests).toHaveLength(3);
    expect(requests[0]?.body).not.toHaveProperty('NextToken');
    expect(requests[1]?.body).toHaveProperty('NextToken');
    expect(requests[2]?.body).toHaveProperty('NextToken');
  });

  it('goes on through empty pages that carry a NextToken, and through short pages', async () => {
    const parameters: Record<string, string> = {};
    for (let i = 0; i < 7; i++) parameters[`/app/prod/k${i}`] = String(i);
    const { server, source } = await setup({ parameters, pageSize: 3 });
    server.fail('emptyPage', { times: 3 });

    const layer = await source.load(sourceContext({ environment: 'prod' }));

    expect(Object.keys(valuesOf(layer))).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6']);
    const requests = byPathRequests(server);
    expect(requests.filter((r) => r.fault === 'emptyPage')).toHaveLength(3);
    expect(requests).toHaveLength(3 + 3);
  });

  it('reads only direct children when recursive is false', async () => {
    const { server, source } = await setup(
      { parameters: { '/app/prod/port': '80', '/app/prod/database/host': 'db' } },
      { recursive: false },
    );

    const layer = await source.load(sourceContext({ environment: 'prod' }));

    expect(valuesOf(layer)).toEqual({ port: '80' });
    expect(byPathRequests(server)[0]?.body).toMatchObject({ Recursive: false });
  });

  it('turns a StringList into an array and marks SecureString values secret', async () => {
    const { source } = await setup({
      parameters: {
        '/app/prod/hosts': { value: 'a.example,b.example', type: 'StringList' },
        '/app/prod/database/password': { value: 'hunter2', type: 'SecureString' },
        '/app/prod/database/user': 'app',
      },
    });

    const layer = await source.load(sourceContext({ environment: 'prod' }));

    expect(valuesOf(layer)).toEqual({
      hosts: ['a.example', 'b.example'],
      'database.password': 'hunter2',
      'database.user': 'app',
    });
    expect(originAt(layer, 'database.password')?.secret).toBe(true);
    expect(originAt(layer, 'database.user')).not.toHaveProperty('secret');
    expect(originAt(layer, 'hosts')).not.toHaveProperty('secret');
  });

  it('leaves SecureString origins unmarked when secureStringsAreSecret is false', async () => {
    const { source } = await setup(
      { parameters: { '/app/prod/token': { value: 't0k3n', type: 'SecureString' } } },
      { secureStringsAreSecret: false },
    );

    const layer = await source.load(sourceContext({ environment: 'prod' }));

    expect(originAt(layer, 'token')).not.toHaveProperty('secret');
  });

  it('asks for no decryption when withDecryption is false and hands over the ciphertext', async () => {
    const { server, source } = await setup(
      { parameters: { '/app/prod/token': { value: 't0k3n', type: 'SecureString' } } },
      { withDecryption: false },
    );

    const layer = await source.load(sourceContext({ environment: 'prod' }));

    const value = valuesOf(layer).token as string;
    expect(value.startsWith(SSM_TEST_CIPHERTEXT_PREFIX)).toBe(true);
    expect(value).not.toContain('t0k3n');
    expect(originAt(layer, 'token')?.secret).toBe(true);
    expect(byPathRequests(server)[0]?.body).toMatchObject({ WithDecryption: false });
  });

  it('nests everything under `into`', async () => {
    const { source } = await setup({ parameters: { '/app/prod/host': 'db' } }, { into: 'services.database' });

    const layer = await source.load(sourceContext({ environment: 'prod' }));

    expect(layer.entries[0]?.path).toEqual(['services', 'database', 'host']);
  });

  it('reads the root path and a path without a trailing slash', async () => {
    const { server, source } = await setup(
      { parameters: { '/app/prod/host': 'db', '/other': 'x' } },
      { path: '/app/prod' },
    );
    expect(valuesOf(await source.load(sourceContext({ environment: 'prod' })))).toEqual({ host: 'db' });

    const root = track(ssmSource({ path: '/', clientOptions: server.clientOptions }));
    expect(valuesOf(await root.load(sourceContext({ environment: 'prod' })))).toEqual({
      'app.prod.host': 'db',
      other: 'x',
    });
  });

  it('warns when the path holds no parameter', async () => {
    const { source } = await setup({ parameters: { '/app/staging/host': 'db' } });

    const layer = await source.load(sourceContext({ environment: 'prod' }));

    expect(layer.entries).toHaveLength(0);
    expect(layer.warnings).toEqual([
      'No parameters under /app/prod/: check the path and the environment name',
    ]);
  });

  it('refuses __proto__, constructor and prototype segments, naming the parameter', async () => {
    for (const name of ['/app/prod/__proto__/polluted', '/app/prod/db/constructor', '/app/prod/prototype']) {
      const { source } = await setup({ parameters: { [name]: 'yes' } });
      const error = await source.load(sourceContext({ environment: 'prod' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsafeKeyError);
      expect(StrataError.is(error, 'UNSAFE_KEY')).toBe(true);
      expect((error as Error).message).toContain(name.slice(1));
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a parameter that is also the parent of others, naming both', async () => {
    const { source } = await setup({
      parameters: { '/app/prod/database': 'postgres://db', '/app/prod/database/host': 'db.internal' },
    });

    const error = await source.load(sourceContext({ environment: 'prod' })).catch((e: unknown) => e);

    expect(StrataError.is(error, 'SOURCE_FAILED')).toBe(true);
    expect((error as Error).message).toContain(
      'parameter /app/prod/database has a value and is also the parent of /app/prod/database/host',
    );
    expect((error as Error).message).toContain("leafAndBranch: 'branch-wins'");
    expect((error as Error).message).not.toContain('postgres://db');
  });

  it("keeps the branch and warns about the lone parameter with leafAndBranch: 'branch-wins'", async () => {
    const { source } = await setup(
      { parameters: { '/app/prod/database': 'postgres://db', '/app/prod/database/host': 'db.internal' } },
      { leafAndBranch: 'branch-wins' },
    );

    const layer = await source.load(sourceContext({ environment: 'prod' }));

    expect(valuesOf(layer)).toEqual({ 'database.host': 'db.internal' });
    expect(layer.warnings.join('\n')).toContain(
      'Parameter /app/prod/database is skipped: /app/prod/database/host',
    );
  });
});
