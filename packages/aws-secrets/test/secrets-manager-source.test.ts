import { InputLimitError, SourceError, StrataError, UnsafeKeyError } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { originAt, recordingSignals, sourceContext, valuesOf, waitFor } from '@strata-internal/test-support';
import { secretsManagerSource } from '../src/index.js';
import { startServer, track } from './support.js';

const DB = JSON.stringify({ username: 'app', password: 'pw-current-7f3a', port: 5432, pool: { max: 10 } });

describe('secretsManagerSource: reading', () => {
  it('expands a JSON secret into keys and maps a plain one to one key, every value secret', async () => {
    const server = await startServer({ secrets: { 'app/prod/db': DB, 'app/prod/api-key': 'k-123' } });
    const source = track(
      secretsManagerSource({
        secrets: [{ id: 'app/{env}/db', key: 'database' }, 'app/{env}/api-key'],
        clientOptions: server.clientOptions,
      }),
    );

    const layer = await source.load(sourceContext({ environment: 'prod' }));

    expect(valuesOf(layer)).toEqual({
      'database.username': 'app',
      'database.password': 'pw-current-7f3a',
      'database.port': '5432',
      'database.pool.max': '10',
      'api-key': 'k-123',
    });
    const current = server.get('app/prod/db')?.versions[0]?.versionId;
    expect(originAt(layer, 'database.password')).toMatchObject({
      source: 'aws-secrets',
      locator: 'app/prod/db#password',
      version: current,
      secret: true,
    });
    expect(originAt(layer, 'api-key')).toMatchObject({ secret: true });
    expect(server.requestLog.map((r) => r.operation)).toEqual(['BatchGetSecretValue']);
  });

  it('reads AWSPREVIOUS, a custom stage and a pinned version with GetSecretValue', async () => {
    const server = await startServer({ secrets: { 'app/db': '{"password":"one"}' } });
    const first = server.get('app/db')?.versions[0]?.versionId as string;
    server.rotate('app/db', '{"password":"two"}');
    server.stage('app/db', 'BLUE', first);

    const read = async (spec: Record<string, string>) =>
      valuesOf(
        await track(
          secretsManagerSource({ secrets: [{ id: 'app/db', ...spec }], clientOptions: server.clientOptions }),
        ).load(sourceContext()),
      ).password;

    expect(await read({})).toBe('two');
    expect(await read({ stage: 'AWSPREVIOUS' })).toBe('one');
    expect(await read({ stage: 'BLUE' })).toBe('one');
    expect(await read({ versionId: first })).toBe('one');
    expect(server.requestLog.map((r) => r.body)).toContainEqual({
      SecretId: 'app/db',
      VersionStage: 'AWSPREVIOUS',
    });
    expect(server.requestLog.map((r) => r.body)).toContainEqual({ SecretId: 'app/db', VersionId: first });
  });

  it('fails naming missing secrets unless optional, through both batch and single reads', async () => {
    const server = await startServer({ secrets: { a: 'x' } });
    const strict = track(
      secretsManagerSource({ secrets: ['a', 'nope'], clientOptions: server.clientOptions }),
    );
    const optional = track(
      secretsManagerSource({
        secrets: ['a', { id: 'gone', stage: 'AWSPREVIOUS' }],
        optional: true,
        clientOptions: server.clientOptions,
      }),
    );

    const error = await strict.load(sourceContext()).catch((e: unknown) => e);
    const layer = await optional.load(sourceContext());

    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toContain('secrets not found: nope');
    expect(valuesOf(layer)).toEqual({ a: 'x' });
    expect(layer.warnings.join('\n')).toContain('Secrets not found (optional): gone');
  });

  it('refuses broken JSON and unsafe keys without quoting the secret', async () => {
    const server = await startServer({
      secrets: {
        broken: '{"password":"leak-me-not"',
        evil: '{"__proto__":{"polluted":"yes"}}',
        plain: '{not json',
      },
    });
    const load = (secrets: Parameters<typeof secretsManagerSource>[0]['secrets']) =>
      track(secretsManagerSource({ secrets, clientOptions: server.clientOptions }))
        .load(sourceContext())
        .catch((e: unknown) => e);

    const broken = await load(['broken']);
    const evil = await load(['evil']);
    const asText = await track(
      secretsManagerSource({
        secrets: [{ id: 'plain', format: 'text' }],
        clientOptions: server.clientOptions,
      }),
    ).load(sourceContext());

    expect((broken as Error).message).toContain('secret broken');
    expect((broken as Error).message).toContain('is not valid JSON');
    expect((broken as Error).message).not.toContain('leak-me-not');
    expect(evil).toBeInstanceOf(UnsafeKeyError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(valuesOf(asText)).toEqual({ plain: '{not json' });
  });

  it('bounds a JSON secret by the input limits, naming the secret and the option', async () => {
    const server = await startServer({ secrets: { big: JSON.stringify({ a: 'x'.repeat(300) }) } });
    const source = track(
      secretsManagerSource({
        secrets: ['big'],
        limits: { maxStringLength: 100 },
        clientOptions: server.clientOptions,
      }),
    );

    const error = await source.load(sourceContext()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InputLimitError);
    expect((error as Error).message).toContain('secret big');
    expect((error as Error).message).toContain('secretsManagerSource');
  });

  it('takes region, credentials and endpoint from SourceContext.env', async () => {
    const server = await startServer({ secrets: { a: 'x' } });
    const source = track(secretsManagerSource({ secrets: ['a'] }));
    const env = {
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIAENV',
      AWS_SECRET_ACCESS_KEY: 's',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: server.endpoint,
    };

    expect(valuesOf(await source.load(sourceContext({ env })))).toEqual({ a: 'x' });
  });

  it('refuses mistakes when the source is declared', () => {
    const refuse = (options: Parameters<typeof secretsManagerSource>[0]): string => {
      try {
        secretsManagerSource(options);
      } catch (error) {
        expect(StrataError.is(error, 'DEFINITION_INVALID')).toBe(true);
        return (error as Error).message;
      }
      throw new Error('expected a refusal');
    };
    expect(refuse({ secrets: [] })).toContain('at least one secret');
    expect(refuse({ secrets: [{ id: 'a', stage: 'X', versionId: 'v' }] })).toContain('not both');
    expect(refuse({ secrets: ['a'], pollIntervalMs: -1 })).toContain('pollIntervalMs');
  });
});

describe('secretsManagerSource: failures', () => {
  it('lets the SDK retry throttling, and says throttled when it outlasts the retries', async () => {
    const server = await startServer({ secrets: { a: 'x' } });
    server.fail('throttle', { times: 1 });
    const ok = await track(
      secretsManagerSource({ secrets: ['a'], clientOptions: server.clientOptions }),
    ).load(sourceContext());
    server.fail('throttle', { times: Number.POSITIVE_INFINITY });
    const error = await track(
      secretsManagerSource({ secrets: ['a'], clientOptions: { ...server.clientOptions, maxAttempts: 2 } }),
    )
      .load(sourceContext())
      .catch((e: unknown) => e);

    expect(valuesOf(ok)).toEqual({ a: 'x' });
    expect((error as Error).message).toContain(
      'throttled by Secrets Manager (ThrottlingException) after 2 attempts',
    );
  });

  it('does not retry access denied and names the permission', async () => {
    const server = await startServer({ secrets: { a: 'x' } });
    server.fail('accessDenied', { times: 5 });

    const error = await track(secretsManagerSource({ secrets: ['a'], clientOptions: server.clientOptions }))
      .load(sourceContext())
      .catch((e: unknown) => e);

    expect(server.requestLog).toHaveLength(1);
    expect((error as Error).message).toContain('secretsmanager:GetSecretValue');
  });
});

describe('secretsManagerSource: rotation', () => {
  it('sees a rotation through DescribeSecret version ids, then reads the new values once', async () => {
    const server = await startServer({ secrets: { 'app/db': DB, 'app/other': 'o' } });
    const source = track(
      secretsManagerSource({
        secrets: ['app/db', 'app/other'],
        pollIntervalMs: 50,
        clientOptions: server.clientOptions,
      }),
    );
    const context = sourceContext();
    await source.load(context);
    const signals = recordingSignals();
    source.watch?.(context, signals);

    await waitFor(
      'two polls',
      () => server.requestLog.filter((r) => r.operation === 'DescribeSecret').length >= 4,
    );
    const valueReadsBefore = server.requestLog.filter((r) => r.operation !== 'DescribeSecret').length;
    expect(signals.changes).toHaveLength(0);
    const rotated = server.rotate('app/db', JSON.stringify({ password: 'pw-rotated-91c2' }));
    await waitFor('the rotation', () => signals.changes.length === 1);
    const layer = await source.load(context);

    expect(valueReadsBefore).toBe(1);
    expect(signals.changes[0]?.detail).toBe(`app/db → version ${rotated.versionId.slice(0, 8)}`);
    expect(signals.changes[0]?.detail).not.toContain('pw-rotated');
    expect(valuesOf(layer).password).toBe('pw-rotated-91c2');
    expect(originAt(layer, 'password')).toMatchObject({ version: rotated.versionId });
  });
});
