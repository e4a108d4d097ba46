import type { ConfigSource, LeafValue } from '@strata/core';
import { layerFromTree } from '@strata/core/source';

/** One remote store the whole test fleet reads, with a version per write and a count of requests. */
export interface VersionedStore {
  values: { [key: string]: LeafValue };
  version: number;
  /** Every read by any instance (loads and polls). */
  requests: number;
}

/** A store holding `values` at version 1. */
export function versionedStore(values: { [key: string]: LeafValue }): VersionedStore {
  return { values: { ...values }, version: 1, requests: 0 };
}

/** Write `values` as a new version, as an operator editing Vault would. */
export function writeStore(store: VersionedStore, values: { [key: string]: LeafValue }): void {
  store.values = { ...store.values, ...values };
  store.version++;
}

/**
 * A remote source over the shared store, the way the Vault and SSM sources are: each value carries the
 * store's version, and `watch` polls every `pollMs`, reporting a change when the version moved. Each
 * instance gets its own (as each process has its own client).
 */
export function storeSource(
  store: VersionedStore,
  options: { pollMs?: number; name?: string } = {},
): ConfigSource & {
  readonly requests: number;
} {
  const name = options.name ?? 'store:app';
  let seen = 0;
  let requests = 0;
  const read = (): { values: { [key: string]: LeafValue }; version: number } => {
    store.requests++;
    requests++;
    return { values: structuredClone(store.values), version: store.version };
  };
  return {
    name,
    suspiciousReloads: 'apply',
    get requests() {
      return requests;
    },
    async load() {
      const { values, version } = read();
      seen = version;
      return layerFromTree({
        source: name,
        tree: { app: values },
        originOf: (path) => ({
          source: 'store',
          locator: `app#${path.slice(1).join('.')}`,
          version,
          secret: true,
        }),
      });
    },
    watch(_context, signals) {
      const timer = setInterval(() => {
        const { version } = read();
        // Report each new version once, as the Vault and SSM pollers do (the reload queue debounces).
        if (version === seen) return;
        seen = version;
        signals.changed({ source: name, detail: `version ${version}` });
      }, options.pollMs ?? 50);
      return { dispose: () => clearInterval(timer) };
    },
  };
}
