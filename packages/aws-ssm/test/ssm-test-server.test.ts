import { GetParametersByPathCommand, GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
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

  it('answers name:version and name:label selectors in GetParameters, through the real SDK', async () => {
    server = await startSsmTestServer({ parameters: { '/app/db/host': 'one' } });
    server.put('/app/db/host', 'two');
    server.put('/app/db/host', 'three');
    server.label('/app/db/host', ['prod'], 2);
    const client = new SSMClient(server.clientOptions);

    const answer = await client.send(
      new GetParametersCommand({
        Names: ['/app/db/host:1', '/app/db/host:prod', '/app/db/host:9', '/app/db/host:qa'],
      }),
    );
    client.destroy();

    expect(answer.Parameters?.map((p) => [p.Name, p.Selector, p.Version, p.Value])).toEqual([
      ['/app/db/host', ':1', 1, 'one'],
      ['/app/db/host', ':prod', 2, 'two'],
    ]);
    expect(answer.InvalidParameters).toEqual(['/app/db/host:9', '/app/db/host:qa']);
  });

  it('moves a label off the version that had it, as LabelParameterVersion does', async () => {
    server = await startSsmTestServer({ parameters: { '/app/a': 'one' } });
    server.put('/app/a', 'two');
    server.label('/app/a', ['prod'], 1);
    server.label('/app/a', ['prod'], 2);

    const { json } = await call(server, 'GetParameters', { Names: ['/app/a:prod'] });

    expect((json.Parameters as Array<{ Version: number }>)[0]?.Version).toBe(2);
    expect(server.label('/app/a', ['x'], 7)).toBe(false);
  });

  it('honours the Label and Type filters of GetParametersByPath and refuses other keys with InvalidFilterKey', async () => {
    server = await startSsmTestServer({ parameters: { '/app/a': 'a1', '/app/b': 'b1' } });
    server.put('/app/a', 'a2');
    server.label('/app/a', ['stable'], 1);
    const client = new SSMClient(server.clientOptions);

    const labelled = await client.send(
      new GetParametersByPathCommand({
        Path: '/app',
        ParameterFilters: [{ Key: 'Label', Option: 'Equals', Values: ['stable'] }],
      }),
    );
    const typed = await client.send(
      new GetParametersByPathCommand({
        Path: '/app',
        ParameterFilters: [{ Key: 'Type', Option: 'Equals', Values: ['SecureString'] }],
      }),
    );
    const refused = await client
      .send(
        new GetParametersByPathCommand({
          Path: '/app',
          ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: ['/app'] }],
        }),
      )
      .catch((e: unknown) => e);
    client.destroy();

    expect(labelled.Parameters?.map((p) => [p.Name, p.Value, p.Version])).toEqual([['/app/a', 'a1', 1]]);
    expect(typed.Parameters).toEqual([]);
    expect((refused as Error).name).toBe('InvalidFilterKey');
    expect((refused as Error).message).toContain('The following filter key is not valid: Name');
  });

  it('answers a full ARN of its own account with the ARN as the name, and lists a foreign one as invalid', async () => {
    server = await startSsmTestServer({ parameters: { '/shared/key': 'k' } });
    const own = 'arn:aws:ssm:us-east-1:123456789012:parameter/shared/key';
    const foreign = 'arn:aws:ssm:us-east-1:999999999999:parameter/shared/key';

    const { json } = await call(server, 'GetParameters', { Names: [own, foreign] });

    expect(json.Parameters).toMatchObject([{ Name: own, ARN: own, Value: 'k' }]);
    expect(json.InvalidParameters).toEqual([foreign]);
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
