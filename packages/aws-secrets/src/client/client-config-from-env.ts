import type { SecretsManagerClientConfig } from '@aws-sdk/client-secrets-manager';

/**
 * The client configuration the source builds its client with: `clientOptions` first, then the
 * configuration's environment (`SourceContext.env`), which the SDK itself never sees when an application
 * passes its own. Only settings the caller left out are filled in. The same rule as `@strata/aws-ssm`.
 */
export function clientConfigFromEnv(
  options: SecretsManagerClientConfig,
  env: Readonly<Record<string, string | undefined>>,
): SecretsManagerClientConfig {
  const config: SecretsManagerClientConfig = { ...options };
  const region = nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION);
  if (config.region === undefined && region !== undefined) config.region = region;
  const endpoint = nonEmpty(env.AWS_ENDPOINT_URL_SECRETS_MANAGER) ?? nonEmpty(env.AWS_ENDPOINT_URL);
  if (config.endpoint === undefined && endpoint !== undefined) config.endpoint = endpoint;
  const accessKeyId = nonEmpty(env.AWS_ACCESS_KEY_ID);
  const secretAccessKey = nonEmpty(env.AWS_SECRET_ACCESS_KEY);
  // Half a key pair is no credential: leave it to the SDK's chain, which may find a whole one.
  if (config.credentials === undefined && accessKeyId !== undefined && secretAccessKey !== undefined) {
    const sessionToken = nonEmpty(env.AWS_SESSION_TOKEN);
    config.credentials = {
      accessKeyId,
      secretAccessKey,
      ...(sessionToken === undefined ? {} : { sessionToken }),
    };
  }
  return config;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
