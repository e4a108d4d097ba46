import path from 'node:path';
import type { Keyring } from './keyring.js';

/**
 * The keyring a load uses: the one given, else the keys of `STRATA_KEY_FILE` (relative to `cwd`) and
 * `STRATA_KEYS` when either is set, else none. The keyring code is loaded only then: a start without keys never
 * compiles it.
 */
export async function configuredKeyring(options: {
  readonly keyring?: Keyring | undefined;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}): Promise<Keyring | undefined> {
  const { env } = options;
  if (options.keyring) return options.keyring;
  if (!env.STRATA_KEYS && !env.STRATA_KEY_FILE) return undefined;
  const file = env.STRATA_KEY_FILE;
  const { loadKeyring } = await import('./load-keyring.js');
  return loadKeyring(file ? { env, keyFile: path.resolve(options.cwd, file) } : { env });
}
