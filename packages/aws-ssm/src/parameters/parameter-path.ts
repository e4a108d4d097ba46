/** `'/app/{env}/'` with the environment name put in: `'/app/production/'`. */
export function expandEnvironment(template: string, environment: string): string {
  return template.replaceAll('{env}', environment);
}

/** The prefix stripped from parameter names: the path with exactly one trailing `/`. */
export function prefixOf(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}

/** A full parameter name: names starting with `/` stay; others are relative to `path` when there is one. */
export function resolveName(name: string, path: string | undefined): string {
  if (name.startsWith('/') || path === undefined) return name;
  return `${prefixOf(path)}${name}`;
}

/**
 * The configuration path segments of a parameter: its name minus `prefix`, split on `/`
 * (`/app/prod/database/pool_size` under `/app/prod/` → `['database', 'pool_size']`). A name outside the
 * prefix keeps all its segments.
 */
export function segmentsOf(name: string, prefix: string | undefined): string[] {
  const relative = prefix !== undefined && name.startsWith(prefix) ? name.slice(prefix.length) : name;
  return relative.split('/').filter((segment) => segment.length > 0);
}
