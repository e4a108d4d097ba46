import type { ConfigSource } from '@strata/core';
import { onTestFinished } from 'vitest';
import {
  type SecretsManagerTestServer,
  startSecretsManagerTestServer,
} from '@strata-internal/test-support/secrets-manager';

/** A Secrets Manager test server stopped when the current test finishes. */
export async function startServer(
  options: Parameters<typeof startSecretsManagerTestServer>[0] = {},
): Promise<SecretsManagerTestServer> {
  const server = await startSecretsManagerTestServer(options);
  onTestFinished(() => server.stop());
  return server;
}

/** A source disposed when the current test finishes (before its server stops). */
export function track(source: ConfigSource): ConfigSource {
  onTestFinished(() => source.dispose?.());
  return source;
}
