import type { ScopeValues } from '../models/scope-values.js';
import { StrataError } from './strata-error.js';

/**
 * One scope (a tenant, a user) could not be built: a source of its layers failed, its file does not parse, or
 * its values make the configuration invalid. Only that scope fails: the service's configuration and every other
 * scope carry on. The message names the scope and repeats the cause's (file, line, key; secrets redacted); the
 * cause is the `ConfigValidationError`, `ParseError`, `SourceError` or `UnsafeKeyError` itself.
 */
export class ScopeError extends StrataError {
  static override readonly errorCode = 'SCOPE_FAILED' as const;

  /** The values of the scope that failed. */
  readonly scope: ScopeValues;

  constructor(scope: ScopeValues, cause: StrataError) {
    super(
      'SCOPE_FAILED',
      `Scope ${formatScope(scope)} is unavailable; the service and other scopes are unaffected. ${cause.message}`,
      { cause },
    );
    this.scope = scope;
  }
}

/** `tenant "acme", user "u-42"` (values are checked safe before a scope is built, and quoted anyway). */
export function formatScope(scope: ScopeValues): string {
  const parts = Object.keys(scope).map((level) => `${level} ${JSON.stringify(scope[level])}`);
  return parts.length === 0 ? '(none)' : parts.join(', ');
}
