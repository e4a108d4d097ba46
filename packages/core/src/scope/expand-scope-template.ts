import { StrataError } from '../errors/strata-error.js';
import type { ScopeValues } from '../models/scope-values.js';
import { checkScopeValue } from './check-scope-values.js';

const placeholder = /\{([A-Za-z_][A-Za-z0-9_-]*)\}/g;

/** The placeholder file, Vault and SSM paths already use for the environment name; no scope level has it. */
export const ENV_PLACEHOLDER = 'env';

/**
 * A path template with each `{level}` replaced by the scope's value: `config/tenants/{tenant}.yaml` for
 * `{ tenant: 'acme' }` is `config/tenants/acme.yaml`. One pass, so a value is never expanded again. Each value
 * is checked (no `/`, `\`, `..`, NUL, `?`, `#`, `%`; see `config.scope()`), so the result stays inside the
 * template's folder; an unsafe value, or a placeholder with no value in the scope, throws `SCOPE_INVALID`.
 * `{env}` is left as it is, for the source to replace with the environment name as it always does.
 *
 * For source packages: their scoped factories expand their path options with it (a file path, a Vault path,
 * an SSM path), which is all a source needs to serve scopes.
 *
 * @example expandScopeTemplate('secret/app/{tenant}', { tenant: 'acme' }) // 'secret/app/acme'
 */
export function expandScopeTemplate(template: string, scope: ScopeValues): string {
  return template.replace(placeholder, (match: string, level: string) => {
    // `{env}` is the sources' own placeholder (the environment name): left for the source to expand.
    if (level === ENV_PLACEHOLDER) return match;
    const value = Object.hasOwn(scope, level) ? scope[level] : undefined;
    if (value === undefined) {
      throw new StrataError(
        'SCOPE_INVALID',
        `The template ${JSON.stringify(template)} needs a ${level} value; the scope has ${Object.keys(scope).join(', ') || 'none'}`,
      );
    }
    // Checked again here: a source package may expand values that did not come through `config.scope()`.
    return checkScopeValue(level, value);
  });
}

/** The `{level}` placeholders of a template, for checking a definition up front. */
export function templateLevels(template: string): string[] {
  return [...template.matchAll(placeholder)].map((match) => match[1]!);
}
