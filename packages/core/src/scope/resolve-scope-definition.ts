import { StrataError } from '../errors/strata-error.js';
import type { ScopeDefinition } from '../models/scope-definition.js';
import type { ConfigSource } from '../models/source.js';
import { ENV_PLACEHOLDER } from './expand-scope-template.js';
import type { ScopedSource } from '../models/scoped-source.js';

/** The default scope levels, outermost first. */
export const DEFAULT_SCOPE_LEVELS: readonly string[] = ['tenant', 'user'];

const levelName = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** A definition's `scopes` with its defaults filled in. */
export interface ResolvedScopes {
  readonly levels: readonly string[];
  readonly sources: readonly ScopedSource[];
  readonly cacheSize: number;
}

/**
 * A definition's `scopes` with defaults (none: no scoped sources, so every view is the service's), checked
 * before anything loads: level names are identifiers and unique, every scoped source
 * names a declared level and a name no other source has, the cache size is a positive integer. Throws
 * `DEFINITION_INVALID` naming what is wrong.
 */
export function resolveScopeDefinition(
  definition: ScopeDefinition | undefined,
  sources: readonly ConfigSource[],
): ResolvedScopes {
  const levels = definition?.levels ?? DEFAULT_SCOPE_LEVELS;
  const scoped = definition?.sources ?? [];
  const cacheSize = definition?.cacheSize ?? 100;
  const invalid = (message: string): never => {
    throw new StrataError('DEFINITION_INVALID', `scopes: ${message}`);
  };
  if (levels.length === 0) invalid('levels is empty; leave it out for the default tenant, user');
  for (const [i, level] of levels.entries()) {
    if (!levelName.test(level)) invalid(`level ${JSON.stringify(level)} is not an identifier`);
    if (levels.indexOf(level) !== i) invalid(`level "${level}" is listed twice`);
    if (level === ENV_PLACEHOLDER)
      invalid('level "env" is reserved: {env} in a path is the environment name');
  }
  if (!Number.isInteger(cacheSize) || cacheSize < 1)
    invalid(`cacheSize must be a positive integer, got ${cacheSize}`);
  const names = new Set(sources.map((source) => source.name));
  for (const source of scoped) {
    if (!levels.includes(source.level)) {
      invalid(`source "${source.name}" has level "${source.level}"; the levels are ${levels.join(', ')}`);
    }
    if (names.has(source.name))
      invalid(`two sources are named "${source.name}"; give one a different "name"`);
    names.add(source.name);
  }
  return { levels, sources: scoped, cacheSize };
}
