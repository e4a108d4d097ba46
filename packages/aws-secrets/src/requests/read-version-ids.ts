import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import type { SecretRequest } from '../secrets/resolved-secret.js';
import { isNotFound } from './is-not-found.js';
import { type SecretsReadContext, sendSecretsRequest } from './send-secrets-request.js';

/**
 * The version id each secret's stage points at now, by secret id, from `DescribeSecret` (metadata only:
 * no value leaves Secrets Manager, and it costs no `GetSecretValue`). A pinned `versionId` is not asked
 * about: it cannot move. `undefined` when the stage is on no version or the secret is gone.
 */
export async function readVersionIds(
  context: SecretsReadContext,
  requests: readonly SecretRequest[],
): Promise<Map<string, string | undefined>> {
  const versions = new Map<string, string | undefined>();
  for (const request of requests) {
    if (request.versionId !== undefined) {
      versions.set(request.secretId, request.versionId);
      continue;
    }
    let stages: Record<string, string[]> = {};
    try {
      const answer = await sendSecretsRequest(
        context,
        { operation: 'DescribeSecret', secrets: [request.secretId] },
        (client, abortSignal) =>
          client.send(new DescribeSecretCommand({ SecretId: request.secretId }), { abortSignal }),
      );
      stages = answer.VersionIdsToStages ?? {};
    } catch (error) {
      // A deleted secret is a change to report (and the value read that follows says what happened).
      if (isNotFound(error)) {
        versions.set(request.secretId, undefined);
        continue;
      }
      throw error;
    }
    const current = Object.entries(stages).find(([, labels]) => labels.includes(request.stage));
    versions.set(request.secretId, current?.[0]);
  }
  return versions;
}
