import { SourceError, StrataError, type ConfigSource } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { type SsmTestServer } from '@strata-internal/test-support/ssm';
import { sourceContext, valuesOf } from '@strata-internal/test-support';
import { type SsmSourceOptions, ssmSource } from '../src/index.js';
import { startSsm, track } from './support/lifecycle.js';
import { AttemptObserver } from '../src/requests/attempt-observer.js';
import { describeSsmError } from '../src/requests/describe-ssm-error.js';
import { requestBudgetMs } from '../src/requests/request-budget.js';
import { RequestCancelledError } from '@strata/core/source';

const SECRET = 'hunter2-do-not-print';

/** A server holding a SecureString (to check it never leaks into messages) and a source reading it. */
async function setup(
  options: Partial<SsmSourceOptions> = {},
  maxAttempts?: number,
): Promise<{ server: SsmTestServer; source: ConfigSource }> {
  const server = await startSsm({
    parameters: {
      '/app/prod/database/password': { value: SECRET, type: 'SecureString' },
      '/app/prod/database/port': '5432',
    },
  });
  const clientOptions =
    maxAttempts === undefined ? server.clientOptions : { ...server.clientOptions, maxAttempts };
  const source = track(ssmSource({ path: '/app/{env}/', clientOptions, ...options }));
  return { server, source };
}

async function loadError(s: ConfigSource): Promise<SourceError> {
  const error = await s.load(sourceContext({ environment: 'prod' })).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SourceError);
  expect(StrataError.is(error, 'SOURCE_FAILED')).toBe(true);
  expect((error as Error).message).not.toContain(SECRET);
  return error as SourceError;
}

describe('ssmSource: failures', () => {
  it('lets the SDK retry throttling with its default strategy', async () => {
    const { server, source } = await setup();
    server.fail('throttle', { times: 2 });

    const layer = await source.load(sourceContext({ environment: 'prod' }));

    expect(valuesOf(layer)['database.port']).toBe('5432');
    expect(server.requestLog.map((r) => r.sdkRequest)).toEqual([
      'attempt=1; max=3',
      'attempt=2; max=3',
      'attempt=3; max=3',
    ]);
    expect(server.requestLog.map((r) => r.status)).toEqual([400, 400, 200]);
  });

  it('says so when throttling outlasts the retries', async () => {
    const { server, source } = await setup({}, 2);
    server.fail('throttle', { times: Number.POSITIVE_INFINITY });

    const error = await loadError(source);

    expect(server.requestLog.map((r) => r.attempt)).toEqual([1, 2]);
    expect(error.message).toContain('throttled by SSM (ThrottlingException) after 2 attempts');
    expect(error.message).toContain('pollIntervalMs');
  });

  it('does not retry access denied, and says which permissions to grant', async () => {
    const { server, source } = await setup();
    server.fail('accessDenied', { times: 5 });

    const error = await loadError(source);

    expect(server.requestLog).toHaveLength(1);
    expect(error.source).toBe('aws-ssm:/app/{env}/');
    expect(error.message).toContain('GetParametersByPath for path /app/prod/');
    expect(error.message).toContain('AccessDeniedException');
    expect(error.message).toContain(
      'ssm:GetParametersByPath on arn:aws:ssm:<region>:<account>:parameter/app/prod/*',
    );
    expect(error.message).toContain('kms:Decrypt');
  });

  it('leaves kms:Decrypt out of the advice when decryption is off', async () => {
    const { server, source } = await setup({ withDecryption: false });
    server.fail('accessDenied');

    const error = await loadError(source);

    expect(error.message).not.toContain('kms:Decrypt');
  });

  it('gives up on a hung server after requestTimeoutMs per attempt instead of hanging', async () => {
    const { server, source } = await setup({ requestTimeoutMs: 300 });
    server.fail('hang', { times: Number.POSITIVE_INFINITY });
    const started = Date.now();

    const error = await loadError(source);

    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error.message).toContain(
      'no answer within 300 ms (requestTimeoutMs, per attempt) on each of 3 attempts',
    );
    expect(error.message).toContain('unreachable or hung');
    expect(server.requestLog.map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(server.requestLog[0]?.status).toBeUndefined();
  });

  it('stops with an error when the server repeats a NextToken', async () => {
    const { server, source } = await setup();
    server.fail('repeatToken', { times: Number.POSITIVE_INFINITY });

    const error = await loadError(source);

    expect(error.message).toContain('the server repeated NextToken');
    expect(error.message).toContain('stopping instead of looping');
    expect(server.requestLog).toHaveLength(2);
  });

  it('stops after maxPages pages', async () => {
    const { server, source } = await setup({ maxPages: 4 });
    server.fail('emptyPage', { times: Number.POSITIVE_INFINITY });

    const error = await loadError(source);

    expect(error.message).toContain('more than 4 pages (maxPages)');
    expect(server.requestLog).toHaveLength(4);
  });

  it('explains an HTML page from a proxy instead of quoting it', async () => {
    const { server, source } = await setup({}, 1);
    server.fail('html', { times: Number.POSITIVE_INFINITY });

    const error = await loadError(source);

    expect(error.message).toContain('(HTTP 502) was a text/html body, not SSM');
    expect(error.message).toContain('proxy');
    expect(error.message).not.toContain('<html>');
  });

  it('survives one connection reset (the SDK retries) and reports a persistent one', async () => {
    const { server, source } = await setup({}, 2);
    server.fail('reset');
    expect(valuesOf(await source.load(sourceContext({ environment: 'prod' })))['database.port']).toBe('5432');
    expect(server.requestLog.map((r) => r.attempt)).toEqual([1, 2]);

    server.fail('reset', { times: Number.POSITIVE_INFINITY });
    const error = await loadError(source);
    expect(error.message).toContain('the connection was reset (ECONNRESET');
  });

  it('reports a server error after the SDK retries it', async () => {
    const { server, source } = await setup({}, 2);
    server.fail('internalError', { times: Number.POSITIVE_INFINITY });

    const error = await loadError(source);

    expect(server.requestLog).toHaveLength(2);
    expect(error.message).toContain('SSM failed (InternalServerError, HTTP 500');
    expect(error.message).toContain('after 2 attempts');
  });

  it('does not retry a validation error, and points at the path', async () => {
    const { server, source } = await setup();
    server.fail('validation', { message: 'The parameter hierarchy depth exceeds the maximum of 15 levels.' });

    const error = await loadError(source);

    expect(server.requestLog).toHaveLength(1);
    expect(error.message).toContain('ValidationException: The parameter hierarchy depth exceeds');
  });

  it('stops at once when the load is abandoned', async () => {
    const { server, source } = await setup({ requestTimeoutMs: 0 });
    server.fail('hang');
    const controller = new AbortController();
    const loading = source
      .load(sourceContext({ environment: 'prod', signal: controller.signal }))
      .catch((e: unknown) => e);
    await server.waitForRequests(1);
    controller.abort();

    const error = await loading;

    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toContain('cancelled');
  });
});

/**
 * A retry strategy with a fixed 200 ms delay (the SDK's own is random and up to seconds): the same
 * `RetryStrategyV2` shape the SDK's strategies have, so the SDK's retry middleware drives it.
 */
function fixedDelayRetries(maxAttempts: number) {
  const token = (count: number) => ({
    getRetryCount: () => count,
    getRetryDelay: () => 200,
    getRetryTokenCount: () => count,
  });
  return {
    mode: 'standard',
    acquireInitialRetryToken: async () => token(0),
    refreshRetryTokenForRetry: async (previous: { getRetryCount(): number }, info: { errorType: string }) => {
      const next = previous.getRetryCount() + 1;
      if (next >= maxAttempts || info.errorType === 'CLIENT_ERROR') throw new Error('no more retries');
      return token(next);
    },
    recordSuccess: () => {},
  };
}

describe('ssmSource: timeouts under throttling', () => {
  it('gives raised maxAttempts room: the timeout is per attempt, not for all retries together', async () => {
    const server = await startSsm({ parameters: { '/app/prod/database/port': '5432' } });
    // Five throttled attempts, 200 ms apart, outlast one 400 ms timeout; each attempt is answered at once.
    server.fail('throttle', { times: 5 });
    const source = track(
      ssmSource({
        path: '/app/{env}/',
        requestTimeoutMs: 400,
        clientOptions: { ...server.clientOptions, maxAttempts: 6, retryStrategy: fixedDelayRetries(6) },
      }),
    );

    const layer = await source.load(sourceContext({ environment: 'prod' }));

    expect(valuesOf(layer)['database.port']).toBe('5432');
    expect(server.requestLog.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 200]);
  });

  it('says throttled, not unreachable, when the request budget runs out while throttled', () => {
    const observer = new AttemptObserver();
    observer.attempts = 4;
    observer.lastError = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

    const error = describeSsmError(new RequestCancelledError('timeout', 9000, observer), {
      source: 'aws-ssm:/app/',
      operation: 'GetParametersByPath',
      target: 'path /app/',
      resource: '/app/*',
      withDecryption: true,
      attemptTimeoutMs: 1000,
    });

    expect(error.message).toContain('throttled by SSM (ThrottlingException) on 4 attempts');
    expect(error.message).toContain('budget of 9000 ms');
    expect(error.message).not.toContain('unreachable or hung');
  });

  it('bounds a whole request by the per-attempt timeout times the attempts plus the SDK retry delays', () => {
    expect(requestBudgetMs(0, 5)).toBe(0);
    expect(requestBudgetMs(5000, 1)).toBe(5000);
    expect(requestBudgetMs(5000, 3)).toBe(15_000 + 1000 + 2000);
    expect(requestBudgetMs(100, 10)).toBe(1000 + 1000 + 2000 + 4000 + 8000 + 16_000 + 20_000 * 4);
  });
});
