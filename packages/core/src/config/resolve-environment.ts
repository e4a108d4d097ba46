/** The environment name: the explicit one, else `STRATA_ENV`, else `NODE_ENV`, else `development`. */
export function resolveEnvironment(
  explicit: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const name = explicit ?? nonEmpty(env.STRATA_ENV) ?? nonEmpty(env.NODE_ENV) ?? 'development';
  return name.trim();
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
