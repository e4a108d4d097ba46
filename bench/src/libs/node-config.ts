import { Load, Util } from 'config/lib/util.js';
import type { LibraryAdapter, LoadedConfig } from './adapter.js';

/**
 * node-config (`config`): `NODE_CONFIG_DIR` + `NODE_ENV=production` select default.yaml and production.yaml,
 * `custom-environment-variables.yaml` maps the variables (`__format: json` for numbers and booleans). It has
 * no schema and validates nothing. At start-up an application imports the singleton (`import config from
 * 'config'`), which loads at import time and deep-freezes on the first `config.get()`; repeated in-process
 * loads use its documented non-singleton loader (`Load.fromEnvironment().scan()`) followed by the same
 * `Util.makeImmutable`.
 */
export const nodeConfigAdapter: LibraryAdapter = {
  async prepare() {
    return {
      async load() {
        const load = Load.fromEnvironment(
          process.env.NODE_CONFIG_ENV ?? process.env.NODE_ENV ?? 'development',
        );
        load.scan();
        const config = Util.makeImmutable(load.config) as Record<string, Record<string, unknown>>;
        return plainView(config);
      },
      async loadFirst() {
        const { default: config } = await import('config');
        return {
          value: (section, key) => config.get(`${section}.${key}`),
          hotPath: (section, key) => ({
            kind: 'get',
            target: config,
            path: `${section}.${key}`,
            how: "`config.get('section.key')`",
          }),
          close: async () => {},
        };
      },
    };
  },
};

function plainView(config: Record<string, Record<string, unknown>>): LoadedConfig {
  return {
    value: (section, key) => config[section]?.[key],
    hotPath: (section, key) => ({
      kind: 'get',
      target: { get: (path: string) => Util.getPath(config, path) },
      path: `${section}.${key}`,
      how: '`Util.getPath(config, path)`',
    }),
    close: async () => {},
  };
}
