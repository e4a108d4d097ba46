import type { SSMClient, SSMClientConfig } from '@aws-sdk/client-ssm';
import { StrataError } from '@strata/core';
import { type ResolvedBackoffPolicy, resolveBackoff } from '@strata/core/source';
import type { SsmLeafAndBranch, SsmSourceOptions } from './ssm-source-options.js';

/** {@link SsmSourceOptions} checked, with every default filled in. */
export interface ResolvedSsmOptions {
  readonly name: string;
  readonly path: string | undefined;
  readonly names: readonly string[] | undefined;
  readonly recursive: boolean;
  readonly withDecryption: boolean;
  readonly client: SSMClient | undefined;
  readonly clientOptions: SSMClientConfig;
  readonly requestTimeoutMs: number;
  readonly maxPages: number;
  readonly pollIntervalMs: number;
  readonly backoff: ResolvedBackoffPolicy;
  readonly optional: boolean;
  readonly secureStringsAreSecret: boolean;
  readonly leafAndBranch: SsmLeafAndBranch;
  readonly into: readonly string[];
}

/** Check the options of `ssmSource` and fill in defaults; throws `DEFINITION_INVALID` on a mistake. */
export function resolveSsmOptions(options: SsmSourceOptions): ResolvedSsmOptions {
  const { path, names } = options;
  const label =
    options.name ?? (path !== undefined ? `aws-ssm:${path}` : `aws-ssm:${(names ?? []).join(',')}`);
  const invalid = (message: string): StrataError =>
    new StrataError('DEFINITION_INVALID', `ssmSource "${label}": ${message}`);

  if (path === undefined && names === undefined) {
    throw invalid('give `path` (a hierarchy such as "/app/{env}/") or `names` (a list of parameter names)');
  }
  if (path?.startsWith('arn:')) {
    throw invalid(`path "${path}" is an ARN: GetParametersByPath takes a hierarchy; list ARNs in \`names\``);
  }
  if (path !== undefined && !path.startsWith('/')) {
    throw invalid(`path "${path}" must start with "/" (for example "/app/{env}/")`);
  }
  if (names !== undefined && (names.length === 0 || names.some((n) => n.trim() === ''))) {
    throw invalid('`names` must list at least one parameter, and no empty name');
  }
  if (options.client !== undefined && options.clientOptions !== undefined) {
    throw invalid('give either `client` (an SSMClient you built) or `clientOptions`, not both');
  }
  const backoff = resolveBackoff(options.backoff);
  checkNumber(invalid, 'requestTimeoutMs', options.requestTimeoutMs, 0);
  checkNumber(invalid, 'maxPages', options.maxPages, 1);
  checkNumber(invalid, 'pollIntervalMs', options.pollIntervalMs, 0);
  checkNumber(invalid, 'backoff.initialDelayMs', backoff.initialDelayMs, 1);
  checkNumber(invalid, 'backoff.maxDelayMs', backoff.maxDelayMs, 1);
  checkNumber(invalid, 'backoff.multiplier', backoff.multiplier, 1);
  const leafAndBranch = options.leafAndBranch ?? 'error';
  if (leafAndBranch !== 'error' && leafAndBranch !== 'branch-wins') {
    throw invalid(`leafAndBranch must be 'error' or 'branch-wins', got "${String(leafAndBranch)}"`);
  }
  const into = options.into === undefined || options.into === '' ? [] : options.into.split('.');
  if (into.some((segment) => segment === '')) throw invalid(`into "${options.into}" has an empty segment`);

  return {
    name: label,
    path,
    names,
    recursive: options.recursive ?? true,
    withDecryption: options.withDecryption ?? true,
    client: options.client,
    clientOptions: options.clientOptions ?? {},
    requestTimeoutMs: options.requestTimeoutMs ?? 5000,
    maxPages: options.maxPages ?? 100,
    pollIntervalMs: options.pollIntervalMs ?? 60_000,
    backoff,
    optional: options.optional ?? false,
    secureStringsAreSecret: options.secureStringsAreSecret ?? true,
    leafAndBranch,
    into,
  };
}

function checkNumber(
  invalid: (message: string) => StrataError,
  name: string,
  value: number | undefined,
  min: number,
): void {
  if (value === undefined) return;
  if (!Number.isFinite(value) || value < min)
    throw invalid(`${name} must be a number ≥ ${min}, got ${value}`);
}
