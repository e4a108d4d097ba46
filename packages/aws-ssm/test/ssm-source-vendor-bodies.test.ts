import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SourceError } from '@strata/core';
import { onTestFinished, describe, expect, it } from 'vitest';
import { originAt, sourceContext, valuesOf } from '@strata-internal/test-support';
import { ssmSource } from '../src/index.js';
import { track } from './support/lifecycle.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/aws-docs/${name}`, import.meta.url), 'utf8');

/**
 * The smallest server that answers every request with one body as AWS documents it: no store, no logic of
 * Strata's own, so the source meets the vendor's wire format rather than its own test server's.
 */
async function serve(status: number, body: string): Promise<{ endpoint: string; targets: string[] }> {
  const targets: string[] = [];
  const server = createServer((req, res) => {
    targets.push(String(req.headers['x-amz-target']));
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': 'fixture' });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, targets };
}

const clientOptions = (endpoint: string) => ({
  endpoint,
  region: 'us-east-2',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 2,
});

describe("ssmSource against AWS's documented response bodies", () => {
  it('reads the GetParametersByPath sample: names under the path, ARN origins, fractional epoch dates', async () => {
    const { endpoint, targets } = await serve(200, fixture('GetParametersByPath.response.json'));
    const source = track(ssmSource({ path: '/Branch312/Dev/', clientOptions: clientOptions(endpoint) }));

    const layer = await source.load(sourceContext());

    expect(targets).toEqual(['AmazonSSM.GetParametersByPath']);
    expect(valuesOf(layer)).toEqual({
      Engineer1: 'Saanvi Sarkar',
      Engineer2: 'Zhang Wei',
      Intern: 'Jane Roe',
    });
    expect(originAt(layer, 'Engineer1')).toMatchObject({
      locator: 'arn:aws:ssm:us-east-2:111122223333:parameter/Branch312/Dev/Engineer1',
      version: 1,
    });
  });

  it('reads the GetParameters sample: names without a leading slash, and an invalid name', async () => {
    const { endpoint } = await serve(200, fixture('GetParameters.response.json'));
    const names = ['EC2DevServerType', 'EC2ProdServerType', 'EC2TestServerType'];
    const strict = track(ssmSource({ names, clientOptions: clientOptions(endpoint) }));
    const optional = track(ssmSource({ names, optional: true, clientOptions: clientOptions(endpoint) }));

    const error = await strict.load(sourceContext()).catch((e: unknown) => e);
    const layer = await optional.load(sourceContext());

    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toContain('parameters not found: EC2TestServerType');
    expect(valuesOf(layer)).toEqual({ EC2DevServerType: 't2.micro', EC2ProdServerType: 'm5.xlarge' });
    expect(originAt(layer, 'EC2ProdServerType')).toMatchObject({ version: 4 });
  });

  it('recognises a throttling error with the namespaced __type AWS sends', async () => {
    const { endpoint, targets } = await serve(400, fixture('ThrottlingException.response.json'));
    const source = track(ssmSource({ path: '/app/', clientOptions: clientOptions(endpoint) }));

    const error = await source.load(sourceContext()).catch((e: unknown) => e);

    expect(targets).toHaveLength(2);
    expect((error as Error).message).toContain('throttled by SSM (ThrottlingException) after 2 attempts');
  });
});
