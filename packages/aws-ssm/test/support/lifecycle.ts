import type { ConfigSource } from '@strata/core';
import { onTestFinished } from 'vitest';
import { type SsmTestServer, startSsmTestServer } from '@strata-internal/test-support/ssm';

/** An SSM test server that is stopped when the current test finishes. */
export async function startSsm(
  options: Parameters<typeof startSsmTestServer>[0] = {},
): Promise<SsmTestServer> {
  const server = await startSsmTestServer(options);
  onTestFinished(() => server.stop());
  return server;
}

/** A source that is disposed when the current test finishes (before its server stops). */
export function track(source: ConfigSource): ConfigSource {
  onTestFinished(() => source.dispose?.());
  return source;
}
