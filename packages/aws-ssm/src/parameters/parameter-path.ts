/** `'/app/{env}/'` with the environment name put in: `'/app/production/'`. */
export function expandEnvironment(template: string, environment: string): string {
  return template.replaceAll('{env}', environment);
}

/** The prefix stripped from parameter names: the path with exactly one trailing `/`. */
export function prefixOf(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}

/**
 * The parameter name inside a full ARN (`arn:aws:ssm:eu-west-1:111122223333:parameter/shared/db` →
 * `/shared/db`), or `undefined` when `name` is not a parameter ARN. A name given without a leading `/` in
 * the ARN (`parameter/db`) gets one, as SSM stores it.
 */
export function nameInArn(name: string): string | undefined {
  if (!name.startsWith('arn:')) return undefined;
  const match = /^arn:[^:]+:ssm:[^:]*:[^:]*:parameter\/?(.*)$/.exec(name);
  if (match === null || match[1] === undefined || match[1] === '') return undefined;
  return `/${match[1]}`;
}

/**
 * A full parameter name: names starting with `/` and ARNs stay (an ARN is how a parameter shared from
 * another account is named, and must reach SSM whole); others are relative to `path` when there is one.
 */
export function resolveName(name: string, path: string | undefined): string {
  if (name.startsWith('/') || name.startsWith('arn:') || path === undefined) return name;
  return `${prefixOf(path)}${name}`;
}

/**
 * The configuration path segments of a parameter: its name minus `prefix`, split on `/`
 * (`/app/prod/database/pool_size` under `/app/prod/` → `['database', 'pool_size']`). A name outside the
 * prefix keeps all its segments.
 */
export function segmentsOf(name: string, prefix: string | undefined): string[] {
  const own = nameInArn(name);
  if (own !== undefined) {
    // Another account's hierarchy means nothing here: outside the path, the key is the parameter's last part.
    if (prefix !== undefined && own.startsWith(prefix)) return segmentsOf(own, prefix);
    const parts = own.split('/').filter((segment) => segment.length > 0);
    return parts.slice(-1);
  }
  const relative = prefix !== undefined && name.startsWith(prefix) ? name.slice(prefix.length) : name;
  return relative.split('/').filter((segment) => segment.length > 0);
}
