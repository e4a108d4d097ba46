import {
  BatchGetSecretValueCommand,
  GetSecretValueCommand,
  type GetSecretValueResponse,
  type SecretValueEntry,
} from '@aws-sdk/client-secrets-manager';
import { SourceError } from '@strata/core';
import type { SecretRequest, SecretValue } from '../secrets/resolved-secret.js';
import { isNotFound } from './is-not-found.js';
import { type SecretsReadContext, sendSecretsRequest } from './send-secrets-request.js';

/** `BatchGetSecretValue` takes at most this many ids a request. */
const BATCH_SIZE = 20;

/** The values read, and the ids that do not exist (`ResourceNotFoundException`). */
export interface SecretValuesRead {
  readonly values: SecretValue[];
  readonly missing: string[];
}

/**
 * Read every secret's value: those at `AWSCURRENT` with `BatchGetSecretValue` when `batch` is on (it reads
 * no other stage), the rest with one `GetSecretValue` each. The values come back in the order asked.
 */
export async function readSecretValues(
  context: SecretsReadContext,
  requests: readonly SecretRequest[],
  batch: boolean,
): Promise<SecretValuesRead> {
  const byRequest = new Map<SecretRequest, SecretValue>();
  const missing: string[] = [];
  const batchable = batch
    ? requests.filter((r) => r.stage === 'AWSCURRENT' && r.versionId === undefined)
    : [];
  for (let start = 0; start < batchable.length; start += BATCH_SIZE) {
    const chunk = batchable.slice(start, start + BATCH_SIZE);
    const ids = chunk.map((r) => r.secretId);
    const answer = await sendSecretsRequest(
      context,
      { operation: 'BatchGetSecretValue', secrets: ids },
      (client, abortSignal) =>
        client.send(new BatchGetSecretValueCommand({ SecretIdList: ids }), { abortSignal }),
    );
    for (const failure of answer.Errors ?? []) {
      if (failure.ErrorCode === 'ResourceNotFoundException') {
        missing.push(failure.SecretId ?? '(unnamed)');
        continue;
      }
      throw new SourceError(
        context.source,
        `BatchGetSecretValue for ${failure.SecretId ?? '(unnamed)'}: ${failure.ErrorCode ?? 'error'}. ` +
          (failure.ErrorCode === 'AccessDeniedException'
            ? 'Grant the caller secretsmanager:GetSecretValue on this secret (BatchGetSecretValue checks it per secret).'
            : 'Check the secret and the caller’s permissions on it.'),
      );
    }
    for (const request of chunk) {
      const entry = (answer.SecretValues ?? []).find(
        (v) => v.Name === request.secretId || v.ARN === request.secretId,
      );
      if (entry !== undefined) byRequest.set(request, toValue(request, entry));
      else if (!missing.includes(request.secretId)) missing.push(request.secretId);
    }
  }
  for (const request of requests) {
    if (batchable.includes(request)) continue;
    const input = {
      SecretId: request.secretId,
      ...(request.versionId === undefined
        ? { VersionStage: request.stage }
        : { VersionId: request.versionId }),
    };
    let answer: GetSecretValueResponse;
    try {
      answer = await sendSecretsRequest(
        context,
        { operation: 'GetSecretValue', secrets: [request.secretId] },
        (client, abortSignal) => client.send(new GetSecretValueCommand(input), { abortSignal }),
      );
    } catch (error) {
      if (isNotFound(error)) {
        missing.push(request.secretId);
        continue;
      }
      throw error;
    }
    byRequest.set(request, toValue(request, answer));
  }
  const values = requests.flatMap((r) => {
    const value = byRequest.get(r);
    return value === undefined ? [] : [value];
  });
  return { values, missing };
}

function toValue(request: SecretRequest, entry: SecretValueEntry | GetSecretValueResponse): SecretValue {
  return {
    request,
    name: entry.Name ?? request.secretId,
    arn: entry.ARN,
    versionId: entry.VersionId,
    text: entry.SecretString,
    binary: entry.SecretBinary,
  };
}
