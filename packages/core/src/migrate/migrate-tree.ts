import { StrataError } from '../errors/strata-error.js';
import type { ConfigTree, Migration } from './migration.js';

/** The outcome of {@link migrateTree}. */
export interface MigratedTree {
  readonly tree: ConfigTree;
  /** The steps applied, in order. */
  readonly applied: readonly Migration[];
  readonly from: number;
  readonly to: number;
}

/**
 * Apply the chain of migrations that leads from `from` to `to` to a copy of `tree`. Throws a
 * `DEFINITION_INVALID` error when no chain connects the two versions, or when `from` is newer than `to`.
 */
export function migrateTree(
  tree: ConfigTree,
  options: { from: number; to: number; migrations: readonly Migration[]; where?: string },
): MigratedTree {
  const where = options.where ? ` in ${options.where}` : '';
  if (options.from > options.to) {
    throw new StrataError(
      'DEFINITION_INVALID',
      `configVersion ${options.from}${where} is newer than this application's ${options.to}; upgrade the application`,
    );
  }
  let current: ConfigTree = structuredClone(tree);
  const applied: Migration[] = [];
  let version = options.from;
  while (version < options.to) {
    const step = options.migrations.find((m) => m.from === version);
    if (!step || step.to <= version) {
      throw new StrataError(
        'DEFINITION_INVALID',
        `No migration from configVersion ${version}${where} (the definition's migrations cover ${describe(options.migrations)})`,
      );
    }
    current = step.migrate(current) ?? current;
    applied.push(step);
    version = step.to;
  }
  return { tree: current, applied, from: options.from, to: version };
}

function describe(migrations: readonly Migration[]): string {
  return migrations.length === 0 ? 'nothing' : migrations.map((m) => `${m.from}→${m.to}`).join(', ');
}
