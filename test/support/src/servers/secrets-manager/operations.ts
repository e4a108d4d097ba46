import { AwsErrorAnswer } from '../ssm/aws-json.js';
import type { SecretStore } from './secret-store.js';
import type { StoredSecret, StoredSecretVersion } from './types.js';

/** `BatchGetSecretValue` takes at most this many ids a request. */
const BATCH_LIMIT = 20;

const seconds = (date: Date): number => date.getTime() / 1000;

/** The wire form of one secret version (`GetSecretValue`'s answer, a `SecretValueEntry`). */
function valueEntry(secret: StoredSecret, version: StoredSecretVersion): Record<string, unknown> {
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.versionId,
    ...(version.secretString === undefined ? {} : { SecretString: version.secretString }),
    ...(version.secretBinary === undefined
      ? {}
      : { SecretBinary: Buffer.from(version.secretBinary).toString('base64') }),
    VersionStages: version.stages,
    CreatedDate: seconds(version.createdDate),
  };
}

/** `secretsmanager.GetSecretValue`: one version, by id or stage (default `AWSCURRENT`). */
export function getSecretValue(store: SecretStore, body: Record<string, unknown>): Record<string, unknown> {
  const secret = store.find(body.SecretId);
  const versionId = typeof body.VersionId === 'string' ? body.VersionId : undefined;
  const stage = typeof body.VersionStage === 'string' ? body.VersionStage : undefined;
  const version = secret.versions.find((v) =>
    versionId !== undefined
      ? v.versionId === versionId && (stage === undefined || v.stages.includes(stage))
      : v.stages.includes(stage ?? 'AWSCURRENT'),
  );
  if (version === undefined) {
    throw new AwsErrorAnswer(
      400,
      'ResourceNotFoundException',
      versionId !== undefined
        ? `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`
        : `Secrets Manager can't find the specified secret value for staging label: ${stage ?? 'AWSCURRENT'}`,
    );
  }
  return valueEntry(secret, version);
}

/** `secretsmanager.BatchGetSecretValue`: the `AWSCURRENT` versions of up to 20 secrets; per-secret errors in `Errors`. */
export function batchGetSecretValue(
  store: SecretStore,
  body: Record<string, unknown>,
): Record<string, unknown> {
  const ids = body.SecretIdList;
  if (body.Filters !== undefined) {
    throw new AwsErrorAnswer(
      400,
      'InvalidParameterException',
      'The test server answers SecretIdList only, not Filters.',
    );
  }
  if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string')) {
    throw new AwsErrorAnswer(
      400,
      'InvalidParameterException',
      'You must provide either SecretIdList or Filters.',
    );
  }
  if (ids.length > BATCH_LIMIT) {
    throw new AwsErrorAnswer(
      400,
      'ValidationException',
      `1 validation error detected: Value at 'secretIdList' failed to satisfy constraint: Member must have length less than or equal to ${BATCH_LIMIT}`,
    );
  }
  const values: Record<string, unknown>[] = [];
  const errors: Record<string, unknown>[] = [];
  for (const id of ids as string[]) {
    try {
      const secret = store.find(id);
      const current = secret.versions.find((v) => v.stages.includes('AWSCURRENT'));
      if (current === undefined)
        throw new AwsErrorAnswer(400, 'ResourceNotFoundException', 'No AWSCURRENT version.');
      values.push(valueEntry(secret, current));
    } catch (error) {
      if (!(error instanceof AwsErrorAnswer)) throw error;
      errors.push({ SecretId: id, ErrorCode: error.type, Message: error.message });
    }
  }
  return { SecretValues: values, Errors: errors };
}

/** `secretsmanager.DescribeSecret`: metadata and `VersionIdsToStages`, never a value. */
export function describeSecret(store: SecretStore, body: Record<string, unknown>): Record<string, unknown> {
  const secret = store.find(body.SecretId);
  const staged = secret.versions.filter((v) => v.stages.length > 0);
  return {
    ARN: secret.arn,
    Name: secret.name,
    RotationEnabled: false,
    LastChangedDate: seconds(secret.lastChangedDate),
    CreatedDate: seconds(secret.versions[0]?.createdDate ?? secret.lastChangedDate),
    VersionIdsToStages: Object.fromEntries(staged.map((v) => [v.versionId, v.stages])),
  };
}

/** `secretsmanager.ListSecretVersionIds`: the versions with stages (every version with `IncludeDeprecated`). */
export function listSecretVersionIds(
  store: SecretStore,
  body: Record<string, unknown>,
): Record<string, unknown> {
  const secret = store.find(body.SecretId);
  const versions = secret.versions.filter((v) => body.IncludeDeprecated === true || v.stages.length > 0);
  return {
    ARN: secret.arn,
    Name: secret.name,
    Versions: versions.map((v) => ({
      VersionId: v.versionId,
      ...(v.stages.length === 0 ? {} : { VersionStages: v.stages }),
      CreatedDate: seconds(v.createdDate),
    })),
  };
}
