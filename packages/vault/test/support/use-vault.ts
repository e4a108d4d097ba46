import type { ConfigSource } from '@strata/core';
import { afterEach } from 'vitest';
import {
  startVaultTestServer,
  type VaultTestServer,
  type VaultTestServerOptions,
} from '@strata-internal/test-support/vault';

/** Servers and sources of one test, stopped and disposed after it. */
export function useVault(): {
  server(options?: VaultTestServerOptions): Promise<VaultTestServer>;
  track<T extends ConfigSource>(source: T): T;
  onCleanup(run: () => void | Promise<void>): void;
} {
  const cleanups: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    async server(options) {
      const server = await startVaultTestServer(options);
      cleanups.push(() => server.stop());
      return server;
    },
    track(source) {
      cleanups.push(() => source.dispose?.());
      return source;
    },
    onCleanup(run) {
      cleanups.push(run);
    },
  };
}
