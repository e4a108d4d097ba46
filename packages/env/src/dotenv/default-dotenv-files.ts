/**
 * The `.env` files read for an environment, lowest precedence first (later files win):
 * `.env`, `.env.<environment>`, `.env.local`, `.env.<environment>.local`.
 *
 * @example defaultDotenvFiles('production') // ['.env', '.env.production', '.env.local', '.env.production.local']
 */
export function defaultDotenvFiles(environment: string): readonly string[] {
  const files =
    environment === ''
      ? ['.env', '.env.local']
      : ['.env', `.env.${environment}`, '.env.local', `.env.${environment}.local`];
  return [...new Set(files)];
}
