import type { ScopedSource } from '@strata/core';
import { StrataError } from '@strata/core';
import { expandScopeTemplate } from '@strata/core/source';
import type { SsmSourceOptions } from './ssm-source-options.js';
import { ssmSource } from './ssm-source.js';

/** Options of {@link scopedSsmSource}: an `ssmSource`'s, whose `path` and `names` may name scope levels. */
export type ScopedSsmSourceOptions = SsmSourceOptions & {
  /** The scope level whose value selects the parameters: `'tenant'`, `'user'`. */
  level: string;
};

/**
 * Parameter Store per scope, for the definition's `scopes.sources`: `path` (and `names`) are templates whose
 * `{tenant}` / `{user}` are replaced by the scope's values (checked safe: no `/`, `..`, NUL), `{env}` by the
 * environment name as usual. A tenant with no parameters under its path has an empty layer: it changes
 * nothing. Pass one `client` for all scopes: without it each scope builds (and destroys) a client of its own.
 *
 * @example scopedSsmSource({ level: 'tenant', path: '/app/{env}/tenants/{tenant}/', client })
 */
export function scopedSsmSource(options: ScopedSsmSourceOptions): ScopedSource {
  const { level, ...rest } = options;
  const name = options.name ?? `aws-ssm:${level}`;
  const templates = [...(rest.path === undefined ? [] : [rest.path]), ...(rest.names ?? [])];
  if (!templates.some((template) => template.includes(`{${level}}`))) {
    throw new StrataError(
      'DEFINITION_INVALID',
      `scopedSsmSource "${name}": its path or names must name {${level}}, e.g. /app/{env}/tenants/{${level}}/`,
    );
  }
  return {
    name,
    level,
    forScope(scope) {
      return ssmSource({
        ...rest,
        name,
        ...(rest.path === undefined ? {} : { path: expandScopeTemplate(rest.path, scope) }),
        ...(rest.names === undefined
          ? {}
          : { names: rest.names.map((template) => expandScopeTemplate(template, scope)) }),
      });
    },
  };
}
