import type { SecretsManagerClient, SecretsManagerClientConfig } from '@aws-sdk/client-secrets-manager';
import { StrataError } from '@strata/core';
import {
  type InputLimits,
  type ResolvedBackoffPolicy,
  resolveBackoff,
  resolveInputLimits,
} from '@strata/core/source';
import type { ResolvedSecret } from './secrets/resolved-secret.js';
import type { SecretsManagerSourceOptions } from './secrets-manager-source-options.js';

/** {@link SecretsManagerSourceOptions} checked, with every default filled in. */
export interface ResolvedSecretsOptions {
  readonly name: string;
  readonly secrets: readonly ResolvedSecret[];
  readonly client: SecretsManagerClient | undefined;
  readonly clientOptions: SecretsManagerClientConfig;
  readonly requestTimeoutMs: number;
  readonly batch: boolean;
  readonly pollIntervalMs: number;
  readonly backoff: ResolvedBackoffPolicy;
  readonly optional: boolean;
  readonly limits: InputLimits;
  readonly into: readonly string[];
}

/** Check the options of `secretsManagerSource` and fill in defaults; throws `DEFINITION_INVALID` on a mistake. */
export function resolveSecretsOptions(options: SecretsManagerSourceOptions): ResolvedSecretsOptions {
  const specs = (options.secrets ?? []).map((s) => (typeof s === 'string' ? { id: s } : s));
  const label = options.name ?? `aws-secrets:${specs.map((s) => s.id).join(',')}`;
  const invalid = (message: string): StrataError =>
    new StrataError('DEFINITION_INVALID', `secretsManagerSource "${label}": ${message}`);
  if (specs.length === 0) throw invalid('list at least one secret in `secrets` (a name or ARN)');
  if (options.client !== undefined && options.clientOptions !== undefined) {
    throw invalid('give either `client` (a SecretsManagerClient you built) or `clientOptions`, not both');
  }
  const secrets = specs.map((spec, index): ResolvedSecret => {
    if (typeof spec.id !== 'string' || spec.id.trim() === '') throw invalid(`secrets[${index}] has no id`);
    const format = spec.format ?? 'auto';
    if (format !== 'auto' && format !== 'json' && format !== 'text') {
      throw invalid(
        `secrets[${index}] (${spec.id}): format must be 'auto', 'json' or 'text', got "${String(format)}"`,
      );
    }
    if (spec.stage !== undefined && spec.versionId !== undefined) {
      throw invalid(`secrets[${index}] (${spec.id}): give stage or versionId, not both`);
    }
    return {
      id: spec.id,
      key: spec.key === undefined || spec.key === '' ? undefined : dotted(spec.key, invalid),
      stage: spec.stage ?? 'AWSCURRENT',
      versionId: spec.versionId,
      format,
    };
  });
  for (const [field, value, min] of [
    ['requestTimeoutMs', options.requestTimeoutMs, 0],
    ['pollIntervalMs', options.pollIntervalMs, 0],
  ] as const) {
    if (value !== undefined && (!Number.isFinite(value) || value < min)) {
      throw invalid(`${field} must be a number ≥ ${min}, got ${value}`);
    }
  }
  const atCurrent = secrets.filter((s) => s.stage === 'AWSCURRENT' && s.versionId === undefined).length;
  return {
    name: label,
    secrets,
    client: options.client,
    clientOptions: options.clientOptions ?? {},
    requestTimeoutMs: options.requestTimeoutMs ?? 5000,
    batch: options.batch ?? atCurrent >= 2,
    pollIntervalMs: options.pollIntervalMs ?? 60_000,
    backoff: resolveBackoff(options.backoff),
    optional: options.optional ?? false,
    limits: resolveInputLimits(options.limits),
    into: options.into === undefined || options.into === '' ? [] : dotted(options.into, invalid),
  };
}

function dotted(path: string, invalid: (message: string) => StrataError): string[] {
  const segments = path.split('.');
  if (segments.some((s) => s === '')) throw invalid(`"${path}" has an empty segment`);
  return segments;
}
