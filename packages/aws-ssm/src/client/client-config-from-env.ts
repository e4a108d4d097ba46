import type { SSMClientConfig } from '@aws-sdk/client-ssm';

/** The part of `SourceContext.env` the client settings are read from. */
export type AwsEnvironment = Readonly<Record<string, string | undefined>>;

/**
 * The `SSMClient` configuration the source builds its client with: `clientOptions` first, then what the
 * configuration's environment says. The SDK reads `process.env` by itself, but an application may hand the
 * configuration another environment (tests, a CLI checking a deploy's variables, a process that scrubs its
 * own); the Vault source honours that environment, so this one does too. Only settings the caller left
 * out are filled in: code beats the environment, as for every Strata option.
 */
export function clientConfigFromEnv(options: SSMClientConfig, env: AwsEnvironment): SSMClientConfig {
  const config: SSMClientConfig = { ...options };
  const region = nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION);
  if (config.region === undefined && region !== undefined) config.region = region;
  const endpoint = nonEmpty(env.AWS_ENDPOINT_URL_SSM) ?? nonEmpty(env.AWS_ENDPOINT_URL);
  if (config.endpoint === undefined && endpoint !== undefined) config.endpoint = endpoint;
  const accessKeyId = nonEmpty(env.AWS_ACCESS_KEY_ID);
  const secretAccessKey = nonEmpty(env.AWS_SECRET_ACCESS_KEY);
  // Half a key pair is no credential: leave it to the SDK's chain (profile, role), which may find a whole one.
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
