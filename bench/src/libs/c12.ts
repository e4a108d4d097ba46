import { loadConfig } from 'c12';
import { ENV_PREFIX, ENVIRONMENT } from '../fixtures/fixture-spec.js';
import type { LibraryAdapter } from './adapter.js';
import { setLeaf } from '../fixtures/two-level-tree.js';

/**
 * c12: `loadConfig({ cwd, name: 'app', envName: 'production' })` reads app.config.yaml, whose
 * `$production` block is c12's documented environment-specific layer. c12 has no schema, no validation and
 * no mapping of environment variables to keys: the `APP_` variables are passed as `overrides` (its
 * highest-precedence layer), nested on `__` by a few lines of application code, and stay strings.
 */
export const c12Adapter: LibraryAdapter = {
  async prepare({ paths }) {
    return {
      async load() {
        const { config } = await loadConfig<Record<string, Record<string, unknown>>>({
          cwd: paths.c12Dir,
          name: 'app',
          envName: ENVIRONMENT,
          overrides: envOverrides(process.env),
        });
        return {
          value: (section, key) => config[section]?.[key],
          hotPath: (section, key) => ({
            kind: 'property',
            target: config[section]!,
            key,
            how: 'plain object: `config.section.key`',
          }),
          close: async () => {},
        };
      },
    };
  },
};

/** `APP_S01__K02=x` → `{ s01: { k02: 'x' } }`. */
export function envOverrides(env: NodeJS.ProcessEnv): Record<string, Record<string, unknown>> {
  const tree: Record<string, Record<string, unknown>> = {};
  for (const [name, text] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || text === undefined) continue;
    const [section, key] = name.slice(ENV_PREFIX.length).toLowerCase().split('__');
    if (section && key) setLeaf(tree, section, key, text);
  }
  return tree;
}
