import { randomBytes } from 'node:crypto';
import { readFile, stat, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { secretsManagerSource } from '@strata/aws-secrets';
import { ssmSource } from '@strata/aws-ssm';
import { SourceError } from '@strata/core';
import { Keyring, KeyringKey } from '@strata/core/secrets';
import { cachedSource } from '@strata/core/source';
import { describe, expect, it, onTestFinished } from 'vitest';
import { originAt, recordingSignals, sourceContext, tempDir, valuesOf } from '@strata-internal/test-support';
import { startSecretsManagerTestServer } from '@strata-internal/test-support/secrets-manager';
import { startSsmTestServer } from '@strata-internal/test-support/ssm';

const CANARY = 'CANARY-cache-5e1b';
const keyring = new Keyring([new KeyringKey('cache-1', randomBytes(32))]);

async function cacheDir(): Promise<string> {
  const made = await tempDir();
  onTestFinished(() => made.cleanup());
  return path.join(made.dir, 'cache');
}

/** An SSM source writing its cache, loaded once while the server runs; the server is then stopped. */
async function cachedSsmWhileUp(dir: string) {
  const server = await startSsmTestServer({
    parameters: {
      '/app/prod/db/password': { value: CANARY, type: 'SecureString' },
      '/app/prod/db/port': '5432',
    },
  });
  const clientOptions = { ...server.clientOptions, maxAttempts: 1 };
  const make = () =>
    cachedSource(ssmSource({ path: '/app/{env}/', clientOptions }), { dir, maxStaleMs: 60_000, keyring });
  const first = make();
  await first.load(sourceContext({ environment: 'prod' }));
  await first.dispose?.();
  await server.stop();
  return { make, file: path.join(dir, 'aws-ssm__app__env__.cache') };
}

describe('cachedSource: the sealed last-good cache', () => {
  it('writes the layer atomically, mode 0600, with no value in any encoding', async () => {
    const dir = await cacheDir();
    const { file } = await cachedSsmWhileUp(dir);

    const text = await readFile(file, 'utf8');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    for (const encoded of [
      CANARY,
      Buffer.from(CANARY).toString('base64'),
      Buffer.from(CANARY).toString('base64url'),
      Buffer.from(CANARY).toString('hex'),
      encodeURIComponent(CANARY),
    ]) {
      expect(text).not.toContain(encoded);
    }
    expect(JSON.parse(text)).toMatchObject({
      format: 'strata-layer-cache/1',
      source: 'aws-ssm:/app/{env}/',
      keyId: 'cache-1',
    });
  });

  it('starts from the cache while SSM is down, marks it stale, reports the outage once watched', async () => {
    const dir = await cacheDir();
    const { make } = await cachedSsmWhileUp(dir);
    const source = make();
    onTestFinished(() => source.dispose?.());
    const context = sourceContext({ environment: 'prod' });

    const layer = await source.load(context);
    const signals = recordingSignals();
    const handle = source.watch?.(context, signals);
    handle?.dispose();

    expect(valuesOf(layer)).toEqual({ 'db.password': CANARY, 'db.port': '5432' });
    expect(originAt(layer, 'db.password')).toMatchObject({ secret: true });
    expect(originAt(layer, 'db.password')?.locator).toMatch(
      /parameter\/app\/prod\/db\/password \[cached \d{4}-/,
    );
    expect(layer.warnings.join('\n')).toContain('is unreachable; serving its last-good cache');
    expect((source as unknown as { stale: boolean }).stale).toBe(true);
    expect(signals.failures).toHaveLength(1);
    expect(signals.failures[0]?.willRetry).toBe(true);
  });

  it('refuses a tampered cache, one of another source, one of an unknown key, and one too old', async () => {
    const dir = await cacheDir();
    const { make, file } = await cachedSsmWhileUp(dir);
    const original = await readFile(file, 'utf8');
    const header = JSON.parse(original) as { data: string };
    const flipped = Buffer.from(header.data, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    await writeFile(file, JSON.stringify({ ...header, data: flipped.toString('base64') }));
    const tampered = await make()
      .load(sourceContext({ environment: 'prod' }))
      .catch((e: unknown) => e);

    await writeFile(file, original);
    const other = cachedSource(
      ssmSource({
        path: '/app/{env}/',
        name: 'other',
        clientOptions: {
          endpoint: 'http://127.0.0.1:9',
          region: 'us-east-1',
          credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
          maxAttempts: 1,
        },
      }),
      { dir, maxStaleMs: 60_000, keyring },
    );
    await rename(file, path.join(dir, 'other.cache'));
    const foreign = await other.load(sourceContext({ environment: 'prod' })).catch((e: unknown) => e);

    await rename(path.join(dir, 'other.cache'), file);
    const stranger = new Keyring([new KeyringKey('cache-2', randomBytes(32))]);
    const unknownKey = await cachedSource(
      ssmSource({
        path: '/app/{env}/',
        clientOptions: {
          endpoint: 'http://127.0.0.1:9',
          region: 'us-east-1',
          credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
          maxAttempts: 1,
        },
      }),
      { dir, maxStaleMs: 60_000, keyring: stranger },
    )
      .load(sourceContext({ environment: 'prod' }))
      .catch((e: unknown) => e);
    const tooOld = await cachedSource(
      ssmSource({
        path: '/app/{env}/',
        clientOptions: {
          endpoint: 'http://127.0.0.1:9',
          region: 'us-east-1',
          credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
          maxAttempts: 1,
        },
      }),
      { dir, maxStaleMs: -1, keyring },
    )
      .load(sourceContext({ environment: 'prod' }))
      .catch((e: unknown) => e);

    for (const error of [tampered, foreign, unknownKey, tooOld]) {
      expect(error).toBeInstanceOf(SourceError);
      expect((error as Error).message).not.toContain(CANARY);
    }
    expect((tampered as Error).message).toContain('does not authenticate with key "cache-1"');
    expect((foreign as Error).message).toContain('belongs to another source ("aws-ssm:/app/{env}/")');
    expect((unknownKey as Error).message).toContain(
      'sealed with key "cache-1", which the keyring does not hold',
    );
    expect((tooOld as Error).message).toContain('older than maxStaleMs');
  });

  it('serves a Secrets Manager layer from the cache with its server stopped', async () => {
    const dir = await cacheDir();
    const server = await startSecretsManagerTestServer({
      secrets: { 'app/db': JSON.stringify({ password: CANARY }) },
    });
    const clientOptions = { ...server.clientOptions, maxAttempts: 1 };
    const make = () =>
      cachedSource(secretsManagerSource({ secrets: ['app/db'], clientOptions }), {
        dir,
        maxStaleMs: 60_000,
        keyring,
      });
    await make().load(sourceContext());
    await server.stop();

    const layer = await make().load(sourceContext());

    expect(valuesOf(layer)).toEqual({ password: CANARY });
    expect(originAt(layer, 'password')).toMatchObject({ secret: true });
  });
});
