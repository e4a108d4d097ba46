import { SourceError } from '@strata/core';
import { RequestCancelledError } from '@strata/core/source';

/** What was being read when an error happened, for the message. */
export interface SecretsRequestDescription {
  /** The source's name. */
  readonly source: string;
  readonly operation: 'GetSecretValue' | 'BatchGetSecretValue' | 'DescribeSecret';
  /** The secret ids of the request. */
  readonly secrets: readonly string[];
  /** `requestTimeoutMs`: the limit of one attempt. */
  readonly attemptTimeoutMs: number;
}

const THROTTLING = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException']);
const CREDENTIALS = new Set([
  'CredentialsProviderError',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'IncompleteSignature',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'MissingAuthenticationToken',
]);
const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/**
 * A {@link SourceError} for a failed Secrets Manager request: what failed, for which secrets, the AWS error
 * name and what to do. Never quotes a response body (it may hold a secret value).
 */
export function describeSecretsError(error: unknown, request: SecretsRequestDescription): SourceError {
  const target = request.secrets.join(', ');
  return new SourceError(request.source, `${request.operation} for ${target}: ${explain(error, request)}`, {
    cause: error,
  });
}

function explain(error: unknown, request: SecretsRequestDescription): string {
  if (error instanceof RequestCancelledError) {
    return error.reason === 'aborted'
      ? 'cancelled because the configuration was closed or the load was abandoned.'
      : `no answer within ${error.budgetMs} ms (requestTimeoutMs per attempt × maxAttempts, plus the retry delays). ` +
          'The endpoint is unreachable or hung: check the network path to Secrets Manager (VPC endpoint, proxy, firewall).';
  }
  const e = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const message = typeof e.message === 'string' ? e.message : String(error);
  const metadata =
    typeof e.$metadata === 'object' && e.$metadata !== null ? (e.$metadata as Record<string, unknown>) : {};
  const attempts = typeof metadata.attempts === 'number' ? metadata.attempts : 1;
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  const code = typeof e.code === 'string' ? e.code : undefined;

  if (name === 'AccessDeniedException') {
    return (
      `access denied (${name}: ${message}). Grant the caller's IAM role secretsmanager:${request.operation} on ` +
      'the secret (arn:aws:secretsmanager:<region>:<account>:secret:<name>-*), and kms:Decrypt on its KMS key when it is a customer managed key.'
    );
  }
  if (name === 'DecryptionFailure') {
    return `Secrets Manager could not decrypt the secret (${name}). Grant the caller kms:Decrypt on the secret's KMS key.`;
  }
  if (name === 'ResourceNotFoundException') {
    return `not found (${message}). Create the secret, fix its name or stage, or set optional: true to go on without it.`;
  }
  if (THROTTLING.has(name)) {
    return `throttled by Secrets Manager (${name}) after ${tries}. Poll less often (pollIntervalMs), or read many secrets in one BatchGetSecretValue (batch: true).`;
  }
  if (CREDENTIALS.has(name)) {
    return `could not authenticate to AWS (${name}: ${message}). Check the credentials the SDK finds (AWS_PROFILE, AWS_ACCESS_KEY_ID, the instance or task role) and the region.`;
  }
  if (name === 'TimeoutError' && message.includes('requestTimeout')) {
    return (
      `no answer within ${request.attemptTimeoutMs} ms (requestTimeoutMs, per attempt) on each of ${tries}. ` +
      'The endpoint is unreachable or hung: check the network path to Secrets Manager, or raise requestTimeoutMs.'
    );
  }
  if (code !== undefined && NETWORK.has(code)) {
    return `Secrets Manager could not be reached (${code}: ${message}) after ${tries}. Check the region, the endpoint and the network path.`;
  }
  if (name === 'SyntaxError' || message.includes('Deserialization error')) {
    return `the answer was not Secrets Manager's JSON after ${tries}: a proxy, firewall or wrong endpoint answered. Check the endpoint and the proxy settings.`;
  }
  if (e.$fault === 'server') {
    return `Secrets Manager failed (${name}: ${message}) after ${tries}. This is an error on the AWS side: a polling source retries by itself.`;
  }
  return `${name}: ${message}.`;
}
