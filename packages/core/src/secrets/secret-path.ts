/**
 * The form of a configuration path that is authenticated with an encrypted value (the AES-GCM additional
 * data) and fed into a file MAC: each dot-separated segment lower-cased with `_` and `-` removed, joined
 * with `.`.
 *
 * The engine matches names the same way (`DATABASE__POOL_SIZE`, `database.pool-size` and
 * `database.poolSize` are one setting), so a value encrypted for a setting decrypts wherever that same
 * setting is spelled, while a value copied to a different setting fails.
 *
 * @example canonicalSecretPath('Database.Pool_Size') === 'database.poolsize'
 */
export function canonicalSecretPath(path: string): string {
  // Lower-casing and dropping `_`/`-` never touch a `.`, so the whole path can be folded at once.
  return path.toLowerCase().replace(/[_-]/g, '');
}
