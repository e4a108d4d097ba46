/**
 * An environment object from entries, so keys such as `__proto__` become own keys (an object literal would
 * set the prototype instead): for pollution tests of environment sources.
 */
export function envOf(entries: readonly (readonly [string, string])[]): Record<string, string> {
  return Object.fromEntries(entries);
}
