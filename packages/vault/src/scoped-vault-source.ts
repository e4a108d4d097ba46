import type { ConfigSource, Layer, ScopedSource } from '@strata/core';
import { StrataError } from '@strata/core';
import { expandScopeTemplate } from '@strata/core/source';
import { VaultRequestError } from './http/vault-request-error.js';
import type { VaultSourceOptions } from './vault-source-options.js';
import { vaultSource } from './vault-source.js';

/** Options of {@link scopedVaultSource}: a `vaultSource`'s, whose secret paths may name scope levels. */
export type ScopedVaultSourceOptions = VaultSourceOptions & {
  /** The scope level whose value selects the secrets: `'tenant'`, `'user'`. */
  level: string;
  /**
   * A scope whose secret does not exist (404) has no layer from this source, instead of failing: most tenants
   * change nothing. `'error'` makes a missing secret that scope's error. A deleted or destroyed version, a
   * denied request or an outage are errors either way.
   * @default 'empty'
   */
  missing?: 'empty' | 'error';
};

/**
 * Vault secrets per scope, for the definition's `scopes.sources`: each secret's `path` is a template whose
 * `{tenant}` / `{user}` are replaced by the scope's values (checked safe: no `/`, `..`, NUL, `?`, `#`, `%`, so a
 * tenant id cannot reach another path), `{env}` by the environment name as usual. Each cached scope has a
 * source (and so a Vault client and login) of its own: keep `scopes.cacheSize` to what the Vault can serve.
 *
 * @example scopedVaultSource({ level: 'tenant', secrets: [{ path: 'secret/app/{tenant}', into: 'billing' }] })
 */
export function scopedVaultSource(options: ScopedVaultSourceOptions): ScopedSource {
  const { level, missing = 'empty', ...rest } = options;
  const name = options.name ?? `vault:${level}`;
  if (!rest.secrets.some((secret) => secret.path.includes(`{${level}}`))) {
    throw new StrataError(
      'DEFINITION_INVALID',
      `scopedVaultSource "${name}": a secret path must name {${level}}, e.g. secret/app/{${level}}`,
    );
  }
  return {
    name,
    level,
    forScope(scope) {
      const source = vaultSource({
        ...rest,
        name,
        secrets: rest.secrets.map((secret) => ({ ...secret, path: expandScopeTemplate(secret.path, scope) })),
      });
      return missing === 'error' ? source : emptyWhenMissing(source);
    },
  };
}

/** `source`, whose load gives an empty layer when a secret is not there (and nothing else went wrong). */
function emptyWhenMissing(source: ConfigSource): ConfigSource {
  return {
    name: source.name,
    async load(context) {
      try {
        return await source.load(context);
      } catch (error) {
        const cause = StrataError.is(error, 'SOURCE_FAILED') ? error.cause : undefined;
        if (!VaultRequestError.is(cause) || cause.status !== 404 || cause.deleted !== undefined) throw error;
        const empty: Layer = { source: source.name, entries: [], textual: true, warnings: [] };
        return empty;
      }
    },
    ...(source.watch ? { watch: source.watch.bind(source) } : {}),
    ...(source.dispose ? { dispose: source.dispose.bind(source) } : {}),
  };
}
