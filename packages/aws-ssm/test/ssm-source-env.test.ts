import { describe, expect, it } from 'vitest';
import { sourceContext, valuesOf } from '@strata-internal/test-support';
import { ssmSource } from '../src/index.js';
import { startSsm, track } from './support/lifecycle.js';

describe("ssmSource: the configuration's environment", () => {
  it('takes region, credentials, session token and the SSM endpoint from SourceContext.env', async () => {
    const server = await startSsm({ parameters: { '/app/prod/database/port': '5432' } });
    const source = track(ssmSource({ path: '/app/{env}/' }));
    const env = {
      AWS_REGION: 'eu-west-3',
      AWS_ACCESS_KEY_ID: 'AKIAFROMCONTEXTENV',
      AWS_SECRET_ACCESS_KEY: 'context-secret-key',
      AWS_SESSION_TOKEN: 'context-session-token',
      AWS_ENDPOINT_URL_SSM: server.endpoint,
    };

    const layer = await source.load(sourceContext({ environment: 'prod', env }));

    expect(valuesOf(layer)['database.port']).toBe('5432');
    expect(server.requestLog[0]?.credentialScope).toEqual({
      accessKeyId: 'AKIAFROMCONTEXTENV',
      region: 'eu-west-3',
    });
    expect(server.requestLog[0]?.sessionToken).toBe(true);
  });

  it('falls back to AWS_DEFAULT_REGION and AWS_ENDPOINT_URL, and lets clientOptions win over the environment', async () => {
    const server = await startSsm({ parameters: { '/app/prod/a': '1' } });
    const env = {
      AWS_DEFAULT_REGION: 'ap-south-1',
      AWS_ACCESS_KEY_ID: 'AKIAENV',
      AWS_SECRET_ACCESS_KEY: 'env-secret',
      AWS_ENDPOINT_URL: server.endpoint,
    };

    await track(ssmSource({ path: '/app/{env}/' })).load(sourceContext({ environment: 'prod', env }));
    await track(
      ssmSource({
        path: '/app/{env}/',
        clientOptions: {
          region: 'us-west-2',
          credentials: { accessKeyId: 'AKIACODE', secretAccessKey: 'x' },
        },
      }),
    ).load(sourceContext({ environment: 'prod', env }));

    expect(server.requestLog.map((r) => r.credentialScope)).toEqual([
      { accessKeyId: 'AKIAENV', region: 'ap-south-1' },
      { accessKeyId: 'AKIACODE', region: 'us-west-2' },
    ]);
    expect(server.requestLog[0]?.sessionToken).toBe(false);
  });
});
