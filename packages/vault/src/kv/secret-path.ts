/** `'/a/b/'` → `'a/b'`. */
export function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}

/** Replace `{env}` with the environment name and tidy the slashes. */
export function expandSecretPath(path: string, environment: string): string {
  return trimSlashes(path.replaceAll('{env}', environment)).replace(/\/{2,}/g, '/');
}

/** Each segment URL-encoded, slashes kept. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
