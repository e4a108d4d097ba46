import { IsString } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { type ConfigTree, Section, StrataError, loadConfig, migrateTree } from '@strata/core';
import { fixedSource } from './support/fixed-source.js';

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
  it('migrates an old file in memory, keeps origins, and warns', async () => {
    const warnings: string[] = [];
    const file = fixedSource('file', {
      configVersion: 1,
      'database.dsn': 'postgres://old',
      'database.search_path': 'app',
    });
    const config = await loadConfig(
      { sections: [DatabaseConfig], sources: [file], configVersion: 3, migrations },
      { logger: { debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} } },
    );
    expect(config.get(DatabaseConfig)).toMatchObject({ url: 'postgres://old', schema: 'app' });
    expect(config.explain('database.url')?.source).toEqual({ source: 'file', locator: 'database.dsn' });
    expect(config.warnings).toEqual([]);
    expect(warnings.join('\n')).toContain(
      'declares configVersion 1; migrated in memory to 3 (database.dsn became database.url; database.search_path became database.schema). Run "strata migrate --write"',
    );
  });

  it('leaves current files alone and never reports configVersion as unknown', async () => {
    const config = await loadConfig({
      sections: [DatabaseConfig],
      sources: [fixedSource('file', { configVersion: 3, 'database.url': 'u' })],
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
