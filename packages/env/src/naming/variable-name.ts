import type { FieldSchema } from '@strata/core';

/** `poolSize` → `POOL_SIZE`, `apiURL` → `API_URL`, `http2Port` → `HTTP2_PORT`. */
export function upperSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toUpperCase();
}

/**
 * The variables that set a field, explicit `@Env` names first, then the conventional name built from the
 * prefix and separator (`APP_DATABASE__POOL_SIZE`). This is the spelling docs and hints show; the mapping
 * itself also accepts other spellings that fold to the same name.
 */
export function variableNamesFor(
  field: FieldSchema,
  prefix: string | undefined,
  separator: string,
): string[] {
  const conventional = (prefix ?? '') + field.segments.map(upperSnake).join(separator);
  return [...field.envNames, conventional].filter((name, i, all) => all.indexOf(name) === i);
}
