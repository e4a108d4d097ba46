import type { ScopeValues } from './scope-values.js';
import type { ConfigSource } from './source.js';

/**
 * Where the layers of one scope level come from: a template of a source (a file per tenant, a Vault path per
 * tenant), turned into a real {@link ConfigSource} for each scope it is asked for. List these in the
 * definition's `scopes.sources`; `config.scope({ tenant: 'acme' })` then loads `forScope({ tenant: 'acme' })`
 * and lays its layer over the service's. Build one with `scopedSource` (from `@strata/core/source`) or a source
 * package's scoped factory (`scopedFileSource`).
 */
export interface ScopedSource {
  /** Unique among the definition's sources and scoped sources; names the layer in `explain` and errors. */
  readonly name: string;
  /** The scope level whose value selects this source's layer (`'tenant'`, `'user'`). */
  readonly level: string;
  /**
   * The source of one scope's layer. `scope` holds the values of this source's level and of the levels
   * before it (a user-level template may name `{tenant}` and `{user}`), already checked as safe. Called once per
   * scope the cache holds; the source is disposed when the scope leaves the cache or the configuration closes.
   */
  forScope(scope: ScopeValues): ConfigSource;
}
