import { SourceError } from '@strata/core';
import { RequestCancelledError } from '@strata/core/source';

/** What was being read when an error happened, for the message. */
export interface SsmRequestDescription {
  /** The source's name. */
  readonly source: string;
  readonly operation: 'GetParametersByPath' | 'GetParameters';
  /** `path /app/prod/` or `parameters /app/prod/a, /app/prod/b`. */
  readonly target: string;
  /** The parameter resource the IAM policy must allow: `/app/prod/*` (the ARN's `parameter/…` part). */
  readonly resource: string;
  readonly withDecryption: boolean;
  /** `requestTimeoutMs`: the limit of one attempt. */
  readonly attemptTimeoutMs: number;
}

const THROTTLING_ERRORS = new Set(['ThrottlingException', 'Throttling', 'TooManyUpdates']);
const CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'IncompleteSignature',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'MissingAuthenticationToken',
]);
const INVALID_REQUEST_ERRORS = new Set([
  'ValidationException',
  'InvalidFilterKey',
  'InvalidFilterOption',
  'InvalidFilterValue',
  'InvalidNextToken',
  'ParameterVersionNotFound',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * A {@link SourceError} for a failed SSM request that says what failed, where, the AWS error name, and what
 * to do. Never quotes a response body: a body that was not SSM's JSON may hold values.
 */
export function describeSsmError(error: unknown, request: SsmRequestDescription): SourceError {
  return new SourceError(
    request.source,
    `${request.operation} for ${request.target}: ${explain(error, request)}`,
    {
      cause: error,
    },
  );
}

function explain(error: unknown, request: SsmRequestDescription): string {
  if (error instanceof RequestCancelledError) {
    if (error.reason === 'aborted')
      return 'cancelled because the configuration was closed or the load was abandoned.';
    const last = asRecord(error.lastAttemptError);
    const tries = error.attempts === 1 ? '1 attempt' : `${error.attempts} attempts`;
    if (typeof last.name === 'string' && THROTTLING_ERRORS.has(last.name)) {
      // Throttled, not hung: the advice is about request rates, not the network path.
      return (
        `throttled by SSM (${last.name}) on ${tries}, and the request's budget of ${error.budgetMs} ms ` +
        '(requestTimeoutMs per attempt × maxAttempts, plus the retry delays) ran out. Poll less often ' +
        "(pollIntervalMs), spread the fleet's polls, or enable Parameter Store higher throughput for the account."
      );
    }
    return (
      `no answer within ${error.budgetMs} ms (requestTimeoutMs per attempt × maxAttempts, plus the retry delays) ` +
      `after ${tries}. The endpoint is unreachable or hung: check the network path to SSM (VPC endpoint, proxy, ` +
      'firewall), or raise requestTimeoutMs.'
    );
  }
  const e = asRecord(error);
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const message = typeof e.message === 'string' ? e.message : String(error);
  const metadata = asRecord(e.$metadata);
  const status = typeof metadata.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined;
  const attempts = typeof metadata.attempts === 'number' ? metadata.attempts : 1;
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  const kms = request.withDecryption ? ', and kms:Decrypt on the KMS key of its SecureString parameters' : '';

  if (name === 'AccessDeniedException' || name === 'AccessDenied') {
    return (
      `access denied (${name}: ${message}). Grant the caller's IAM role ssm:${request.operation} on ` +
      `arn:aws:ssm:<region>:<account>:parameter/${request.resource.replace(/^\//, '')}${kms}.`
    );
  }
  if (/KMS|kms/.test(name) || name === 'InvalidKeyId') {
    return `SSM could not decrypt a SecureString (${name}: ${message}). Grant the caller kms:Decrypt on the parameter's KMS key, or set withDecryption: false.`;
  }
  // The request handler's own per-attempt timeout; the handler also names ECONNRESET a TimeoutError.
  if (name === 'TimeoutError' && message.includes('requestTimeout')) {
    return (
      `no answer within ${request.attemptTimeoutMs} ms (requestTimeoutMs, per attempt) on each of ${tries}. ` +
      'The endpoint is unreachable or hung: check the network path to SSM (VPC endpoint, proxy, firewall), or raise requestTimeoutMs.'
    );
  }
  if (THROTTLING_ERRORS.has(name)) {
    return (
      `throttled by SSM (${name}) after ${tries}. Poll less often (pollIntervalMs), raise the SDK's ` +
      'maxAttempts in clientOptions, or enable Parameter Store higher throughput for the account.'
    );
  }
  if (CREDENTIAL_ERRORS.has(name)) {
    return (
      `could not authenticate to AWS (${name}: ${message}). Check the credentials the SDK finds ` +
      '(AWS_PROFILE, AWS_ACCESS_KEY_ID, the instance or task role) and the region.'
    );
  }
  if (INVALID_REQUEST_ERRORS.has(name)) {
    return `SSM rejected the request (${name}: ${message}). Check the path (it starts with "/", at most 15 levels) and the parameter names.`;
  }
  if (name === 'SyntaxError' || isDeserializationError(e)) {
    const type = contentTypeOf(e) ?? 'non-JSON';
    return (
      `the answer${status === undefined ? '' : ` (HTTP ${status})`} was a ${type} body, not SSM's JSON, after ${tries}: ` +
      'a proxy, firewall or wrong endpoint answered instead of SSM. Check the endpoint and the proxy settings (HTTPS_PROXY).'
    );
  }
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code !== undefined && NETWORK_CODES.has(code)) {
    const what = code === 'ECONNRESET' ? 'the connection was reset' : 'SSM could not be reached';
    return `${what} (${code}: ${message}) after ${tries}. Check the region, the endpoint and the network path to SSM.`;
  }
  if (e.$fault === 'server' || (status !== undefined && status >= 500)) {
    return `SSM failed (${name}${status === undefined ? '' : `, HTTP ${status}`}: ${message}) after ${tries}. This is an error on the AWS side: try again later (a polling source retries by itself).`;
  }
  return `${name}: ${message}${status === undefined ? '' : ` (HTTP ${status})`}.`;
}

function isDeserializationError(e: Record<string, unknown>): boolean {
  return typeof e.message === 'string' && e.message.includes('Deserialization error');
}

function contentTypeOf(e: Record<string, unknown>): string | undefined {
  const headers = asRecord(asRecord(e.$response).headers);
  const value = headers['content-type'] ?? headers['Content-Type'];
  return typeof value === 'string' ? value.split(';')[0] : undefined;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
