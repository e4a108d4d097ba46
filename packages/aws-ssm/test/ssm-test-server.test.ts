import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterEach, describe, expect, it } from 'vitest';
import {
  REPEATED_NEXT_TOKEN,
  SSM_TEST_CIPHERTEXT_PREFIX,
  type SsmTestServer,
  startSsmTestServer,
} from '@strata-internal/test-support/ssm';

let server: SsmTestServer | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** One raw AWS JSON 1.1 call, to check the wire format itself. */
async function call(s: SsmTestServer, operation: string, body: unknown) {
  const response = await fetch(`${s.endpoint}/`, {
    method: 'POST',
    headers: { 'X-Amz-Target': `AmazonSSM.${operation}`, 'Content-Type': 'application/x-amz-json-1.1' },
    body: JSON.stringify(body),
  });
  return { response, json: (await response.json()) as Record<string, unknown> };
}

describe('SSM test server (wire protocol)', () => {
  it('answers GetParametersByPath in AWS JSON 1.1 with epoch-second dates and growing versions', async () => {
    server = await startSsmTestServer({ parameters: { '/app/a': 'one' } });
    server.put('/app/a', 'two');
    server.put('/app/s', 'plain', 'SecureString');

    const { response, json } = await call(server, 'GetParametersByPath', {
      Path: '/app',
      WithDecryption: false,
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    const [a, s] = json.Parameters as Record<string, unknown>[];
    expect(a).toMatchObject({
      Name: '/app/a',
      Type: 'String',
      Value: 'two',
      Version: 2,
      ARN: 'arn:aws:ssm:us-east-1:123456789012:parameter/app/a',
      DataType: 'text',
    });
    expect(typeof a?.LastModifiedDate).toBe('number');
    expect(Math.abs((a?.LastModifiedDate as number) - Date.now() / 1000)).toBeLessThan(60);
    expect(String(s?.Value).startsWith(SSM_TEST_CIPHERTEXT_PREFIX)).toBe(true);
    expect(json).not.toHaveProperty('NextToken');
    expect(server.requestLog[0]).toMatchObject({
      operation: 'GetParametersByPath',
      authorized: false,
      status: 200,
    });
  });

  it('rejects MaxResults above 10 and a path without a leading slash with ValidationException', async () => {
    server = await startSsmTestServer();

    const tooMany = await call(server, 'GetParametersByPath', { Path: '/app', MaxResults: 11 });
    const relative = await call(server, 'GetParametersByPath', { Path: 'app' });

    expect(tooMany.response.status).toBe(400);
    expect(tooMany.response.headers.get('x-amzn-errortype')).toMatch(/^ValidationException:/);
    expect(tooMany.json.__type).toBe('ValidationException');
    expect(tooMany.json.message).toContain("Value '11' at 'maxResults'");
    expect(relative.json.__type).toBe('ValidationException');
  });

  it('refuses a NextToken it did not issue', async () => {
    server = await startSsmTestServer({ parameters: { '/app/a': '1' } });

    const { response, json } = await call(server, 'GetParametersByPath', {
      Path: '/app',
      NextToken: 'bogus',
    });

    expect(response.status).toBe(400);
    expect(json.__type).toBe('InvalidNextToken');
  });

  it('repeats the same NextToken forever under a repeatToken fault', async () => {
    server = await startSsmTestServer({ parameters: { '/app/a': '1' } });
    server.fail('repeatToken', { times: 3 });

    for (let i = 0; i < 3; i++) {
      const { json } = await call(server, 'GetParametersByPath', {
        Path: '/app',
        NextToken: REPEATED_NEXT_TOKEN,
      });
      expect(json.NextToken).toBe(REPEATED_NEXT_TOKEN);
    }
  });

  it('answers GetParameters with the found parameters and the invalid names', async () => {
    server = await startSsmTestServer({ parameters: { '/app/a': '1' } });

    const { json } = await call(server, 'GetParameters', { Names: ['/app/a', '/app/nope'] });

    expect((json.Parameters as unknown[]).length).toBe(1);
    expect(json.InvalidParameters).toEqual(['/app/nope']);
  });

  it('applies faults only to the operation named, and logs what the SDK sends', async () => {
    server = await startSsmTestServer({ parameters: { '/app/a': '1' } });
    server.fail('accessDenied', { operation: 'GetParameters' });
    const client = new SSMClient(server.clientOptions);
    try {
      await client.send(new GetParametersByPathCommand({ Path: '/app' }));
    } finally {
      client.destroy();
    }
    const { response } = await call(server, 'GetParameters', { Names: ['/app/a'] });

    expect(response.status).toBe(400);
    expect(server.requestLog.map((r) => r.fault)).toEqual([undefined, 'accessDenied']);
    expect(server.requestLog[0]).toMatchObject({
      target: 'AmazonSSM.GetParametersByPath',
      authorized: true,
      attempt: 1,
      maxAttempts: 3,
    });
    expect(server.requestLog[0]?.sdkRequest).toMatch(/^attempt=1; max=3$/);
  });

  it('stops even with a request hanging', async () => {
    server = await startSsmTestServer();
    server.fail('hang');
    const pending = fetch(`${server.endpoint}/`, {
      method: 'POST',
      headers: { 'X-Amz-Target': 'AmazonSSM.GetParametersByPath' },
      body: '{"Path":"/"}',
    }).catch((e: unknown) => e);
    await server.waitForRequests(1);

    await server.stop();

    expect(await pending).toBeInstanceOf(Error);
  });
});
