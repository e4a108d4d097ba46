import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { originAt, sourceContext, valuesOf } from '@strata-internal/test-support';
import { secretsManagerSource } from '../src/index.js';
import { track } from './support.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/aws-docs/${name}`, import.meta.url), 'utf8');

/** The smallest server answering every request with one body as AWS documents it. */
async function serve(body: string): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1' });
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
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const clientOptions = (endpoint: string) => ({
  endpoint,
  region: 'us-west-2',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

describe("secretsManagerSource against AWS's documented response bodies", () => {
  it('reads the GetSecretValue example: a JSON secret with newlines, its version id as the origin version', async () => {
    const endpoint = await serve(fixture('GetSecretValue.response.json'));
    const source = track(
      secretsManagerSource({
        secrets: [{ id: 'MyTestDatabaseSecret', stage: 'AWSPREVIOUS' }],
        clientOptions: clientOptions(endpoint),
      }),
    );

    const layer = await source.load(sourceContext());

    expect(valuesOf(layer)).toEqual({ username: 'david', password: 'EXAMPLE-PASSWORD' });
    expect(originAt(layer, 'password')).toMatchObject({
      locator: 'MyTestDatabaseSecret#password',
      version: 'EXAMPLE1-90ab-cdef-fedc-ba987SECRET1',
      secret: true,
    });
  });

  it("refuses the BatchGetSecretValue example's cut-short secret as broken JSON, without quoting it", async () => {
    const endpoint = await serve(fixture('BatchGetSecretValue.response.json'));
    const both = track(
      secretsManagerSource({ secrets: ['MySecret1', 'MySecret2'], clientOptions: clientOptions(endpoint) }),
    );
    const first = track(
      secretsManagerSource({
        secrets: [
          { id: 'MySecret1', key: 'db' },
          { id: 'MySecret2', format: 'text', key: 'raw' },
        ],
        clientOptions: clientOptions(endpoint),
      }),
    );

    const error = await both.load(sourceContext()).catch((e: unknown) => e);
    const layer = await first.load(sourceContext());

    expect((error as Error).message).toContain('secret MySecret2');
    expect((error as Error).message).toContain('is not valid JSON');
    expect((error as Error).message).not.toContain('akua_mansa');
    expect(valuesOf(layer)).toMatchObject({ 'db.username': 'diego_ramirez', 'db.port': '3306' });
  });
});
