/** A plain configuration tree as a migration sees it. */
export type ConfigTree = { [key: string]: unknown };

/**
 * One step of a versioned file-format migration: turns a tree written for version `from` into one for
 * version `to`. Files declare their version with a top-level `configVersion` key.
 *
 * @example
 * ```ts
 * { from: 1, to: 2, description: 'database.dsn became database.url',
 *   migrate(tree) { const db = tree.database as ConfigTree; db.url = db.dsn; delete db.dsn; } }
 * ```
 */
export interface Migration {
  readonly from: number;
  readonly to: number;
  /** Shown in warnings and by `strata migrate`. */
  readonly description?: string;
  /** Change the tree in place, or return a new one. */
  // biome-ignore lint/suspicious/noConfusingVoidType: lets a migration that edits in place omit `return`.
  migrate(tree: ConfigTree): ConfigTree | void;
}
