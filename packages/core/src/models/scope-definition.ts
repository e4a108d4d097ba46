import type { ScopedSource } from './scoped-source.js';

/**
 * The scopes of a configuration (the definition's `scopes`): the levels, the sources of their layers and the
 * cache of built views. A scope's layers lie over the service's sources in level order (every tenant layer,
 * then every user layer), each level's sources in the order listed; runtime overrides stay on top of all.
 *
 * @example
 * scopes: {
 *   sources: [scopedFileSource({ name: 'tenant-files', level: 'tenant', file: 'config/tenants/{tenant}.yaml' })],
 * }
 */
export interface ScopeDefinition {
  /**
   * The scope levels, outermost first; a later level's layers win over an earlier one's. Names are
   * identifiers (`[A-Za-z_][A-Za-z0-9_-]*`), used as keys of `config.scope()` and as `{level}` in templates.
   * @default ['tenant', 'user']
   */
  readonly levels?: readonly string[];
  /** Where each level's layers come from, e.g. a file per tenant. */
  readonly sources: readonly ScopedSource[];
  /**
   * How many scopes (distinct value sets) keep their loaded layers and built view; the least recently used
   * goes first, its sources disposed. Each kept scope holds its layers, one snapshot and, when watching, its
   * sources' watchers.
   * @default 100
   */
  readonly cacheSize?: number;
}
