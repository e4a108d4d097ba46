import { StrataError } from '../errors/strata-error.js';
import type { ScopeValues } from '../models/scope-values.js';
import { didYouMean } from '../pipeline/did-you-mean.js';

/** The longest scope value accepted: far above a UUID or an e-mail address, far below a path bomb. */
export const MAX_SCOPE_VALUE_LENGTH = 128;

// Path and URL structure (`/`, `\`, `?`, `#`, `%`) and control characters, NUL among them: a value holding one
// could leave its template's folder, add a query to a Vault URL or cut a path short.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const unsafeCharacter = /[/\\?#%\u0000-\u001f\u007f-\u009f]/;

/**
 * `values` checked as the selector of a scope, in the levels' declared order: each key a declared level, each
 * value a string of 1 to {@link MAX_SCOPE_VALUE_LENGTH} characters with no path or URL structure (`/`, `\`,
 * `?`, `#`, `%`), no control character and no `..`, so that a tenant id cannot leave the folder of a template
 * like `config/tenants/{tenant}.yaml`. Throws `SCOPE_INVALID` naming the level and the rule.
 */
export function checkScopeValues(values: unknown, levels: readonly string[]): ScopeValues {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new StrataError(
      'SCOPE_INVALID',
      `A scope is an object of level values, e.g. { ${levels.map((level) => `${level}: '…'`).join(', ')} }`,
    );
  }
  const given = values as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (levels.includes(key)) continue;
    const suggestion = didYouMean(key, levels);
    throw new StrataError(
      'SCOPE_INVALID',
      `Unknown scope level ${JSON.stringify(key.slice(0, 64))}; the declared levels are ${levels.join(', ')}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
    );
  }
  const checked: Record<string, string> = {};
  for (const level of levels) {
    if (!Object.hasOwn(given, level) || given[level] === undefined) continue;
    checked[level] = checkScopeValue(level, given[level]);
  }
  return Object.freeze(checked);
}

/** One scope value checked (see {@link checkScopeValues}); returns it, or throws `SCOPE_INVALID`. */
export function checkScopeValue(level: string, value: unknown): string {
  const refuse = (rule: string): never => {
    const shown = typeof value === 'string' ? ` ${JSON.stringify(value.slice(0, 64))}` : '';
    throw new StrataError('SCOPE_INVALID', `Scope ${level}${shown} is refused: ${rule}`);
  };
  if (typeof value !== 'string') return refuse(`a scope value is a string, got ${typeof value}`);
  if (value.length === 0) return refuse('a scope value is not empty');
  if (value.length > MAX_SCOPE_VALUE_LENGTH) {
    return refuse(`it is longer than ${MAX_SCOPE_VALUE_LENGTH} characters`);
  }
  if (unsafeCharacter.test(value)) {
    return refuse('it holds a path or URL character (/ \\ ? # %) or a control character');
  }
  if (value.includes('..') || /^\.+$/.test(value)) return refuse('it holds ".." or is only dots');
  return value;
}
