import { IsString } from 'class-validator';
import { describe, expect, it } from 'vitest';
import {
  type ConfigSource,
  type ConfigTree,
  type LeafValue,
  Section,
  StrataError,
  loadConfig,
} from '@strata/core';
import { LayerBuilder } from '@strata/core/source';
import { migrateTree } from '@strata/core/tooling';

/** A layer made of several files, as a file source produces: locators are `file:line:column`. */
function filesSource(files: Record<string, Record<string, LeafValue>>): ConfigSource {
  return {
    name: 'file',
    async load() {
      const builder = new LayerBuilder({ source: 'file' });
      for (const [file, values] of Object.entries(files)) {
        Object.entries(values).forEach(([key, value], i) => {
          builder.set(key.split('.'), value, { source: 'file', locator: `${file}:${i + 1}:1` });
        });
      }
      return builder.build();
    },
  };
}

@Section('database')
class DatabaseConfig {
  @IsString() url!: string;
  @IsString() schema = 'public';
}

const migrations = [
  {
    from: 1,
    to: 2,
    description: 'database.dsn became database.url',
    migrate(tree: ConfigTree) {
      const db = tree.database as ConfigTree;
      db.url = db.dsn;
      delete db.dsn;
      return tree;
    },
  },
  {
    from: 2,
    to: 3,
    description: 'database.search_path became database.schema',
    migrate(tree: ConfigTree) {
      const db = tree.database as ConfigTree;
      if (db.search_path !== undefined) db.schema = db.search_path;
      delete db.search_path;
      return tree;
    },
  },
];

describe('versioned migrations', () => {
  it('migrates each old file of a layer in memory, keeps origins, and warns', async () => {
    const warnings: string[] = [];
    const source = filesSource({
      'config/default.yaml': {
        configVersion: 1,
        'database.dsn': 'postgres://old',
        'database.search_path': 'app',
      },
      'config/production.yaml': { configVersion: 3, 'database.schema': 'prod' },
    });
    const config = await loadConfig(
      { sections: [DatabaseConfig], sources: [source], configVersion: 3, migrations },
      { logger: { debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} } },
    );
    expect(config.get(DatabaseConfig)).toMatchObject({ url: 'postgres://old', schema: 'prod' });
    expect(config.explain('database.url')?.source).toEqual({
      source: 'file',
      locator: 'config/default.yaml:2:1',
    });
    expect(config.explain('database.schema')?.candidates.map((c) => c.origin.locator)).toEqual([
      'config/default.yaml:3:1',
      'config/production.yaml:2:1',
    ]);
    expect(config.warnings).toEqual([]);
    expect(warnings).toEqual([
      'config/default.yaml declares configVersion 1; migrated in memory to 3 (database.dsn became database.url; database.search_path became database.schema). Run "strata migrate --write" to update the file.',
    ]);
  });

  it('leaves current files alone and never reports configVersion as unknown', async () => {
    const config = await loadConfig({
      sections: [DatabaseConfig],
      sources: [filesSource({ 'config/default.yaml': { configVersion: 3, 'database.url': 'u' } })],
      configVersion: 3,
      migrations,
    });
    expect(config.warnings).toEqual([]);
  });

  it('refuses a gap in the chain or a newer file', () => {
    expect(() => migrateTree({}, { from: 0, to: 3, migrations })).toThrow(
      /No migration from configVersion 0 \(the definition's migrations cover 1→2, 2→3\)/,
    );
    try {
      migrateTree({}, { from: 4, to: 3, migrations, where: 'config/default.yaml' });
    } catch (error) {
      expect(StrataError.is(error, 'DEFINITION_INVALID')).toBe(true);
      expect((error as Error).message).toContain('configVersion 4 in config/default.yaml is newer');
    }
  });
});
