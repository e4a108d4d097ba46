import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The names cosmiconfig 9 tries in the global configuration directory (its `globalConfigSearchPlaces`), in its
 * order. Discovery with `stopDir` ends there, so each is a candidate read within the limits like the others.
 */
export const globalConfigPlaces: readonly string[] = [
  'config',
  'config.json',
  'config.yaml',
  'config.yml',
  'config.js',
  'config.ts',
  'config.cjs',
  'config.mjs',
];

/**
 * The files cosmiconfig 9 reads on its own when an explorer is created (its meta configuration, which may
 * change its options), relative to `process.cwd()`: read within the limits first, so none of them can hang it.
 */
export const metaConfigPlaces: readonly string[] = [
  'package.json',
  'package.yaml',
  '.config/config.json',
  '.config/config.yaml',
  '.config/config.yml',
  '.config/config.js',
  '.config/config.ts',
  '.config/config.cjs',
  '.config/config.mjs',
];

/**
 * The global configuration directory cosmiconfig 9 searches last (`env-paths(name, { suffix: '' }).config`),
 * computed the same way at each call (it reads the environment then): `$XDG_CONFIG_HOME/<name>` or
 * `~/.config/<name>` on Linux, `~/Library/Preferences/<name>` on macOS, `%APPDATA%\<name>\Config` on Windows.
 */
export function globalConfigDirectory(name: string): string {
  const home = homedir();
  if (process.platform === 'darwin') return join(home, 'Library', 'Preferences', name);
  if (process.platform === 'win32') {
    return join(process.env.APPDATA || join(home, 'AppData', 'Roaming'), name, 'Config');
  }
  return join(process.env.XDG_CONFIG_HOME || join(home, '.config'), name);
}
