import { entriesByFile } from '../layer/entries-by-file.js';
import { LayerBuilder, isPlainObject } from '../layer/layer-builder.js';
import type { Layer, LayerEntry, LeafValue } from '../models/layer.js';
import type { Origin } from '../models/origin.js';
import { deepEqual } from '../snapshot/deep-equal.js';
import { migrateTree } from './migrate-tree.js';
import type { ConfigTree, Migration } from './migration.js';

/** The key a file uses to declare its format version. */
export const CONFIG_VERSION_KEY = 'configVersion';

/**
 * Take the `configVersion` entry out of a layer and, when it is older than the definition's version, apply the
 * migrations to the layer's values in memory. Moved values keep their origin; values a migration computed
 * get the origin of the version entry, marked as migrated. A warning says how to update the file.
 */
export function migrateLayer(
  layer: Layer,
  options: { configVersion?: number | undefined; migrations?: readonly Migration[] | undefined },
): Layer {
  if (!layer.entries.some(isVersionEntry)) return layer;
  // A file source's layer holds several files; each declares its own version and migrates on its own.
  const groups = entriesByFile(layer);
  const builder = new LayerBuilder({ source: layer.source, textual: layer.textual });
  for (const warning of layer.warnings) builder.warn(warning);
  for (const [file, entries] of groups) migrateGroup(file, entries, options, builder);
  return builder.build();
}

function migrateGroup(
  where: string,
  group: readonly LayerEntry[],
  options: { configVersion?: number | undefined; migrations?: readonly Migration[] | undefined },
  builder: LayerBuilder,
): void {
  const versionEntry = group.find(isVersionEntry);
  const entries = group.filter((entry) => !isVersionEntry(entry));
  const version = Number(versionEntry?.value);
  const target = options.configVersion;
  if (!versionEntry || target === undefined || !Number.isInteger(version) || version === target) {
    for (const entry of entries) builder.set(entry.path, entry.value, entry.origin);
    return;
  }
  const tree: ConfigTree = {};
  for (const entry of entries) setPath(tree, entry.path, entry.value);
  const migrated = migrateTree(tree, {
    from: version,
    to: target,
    migrations: options.migrations ?? [],
    where,
  });
  const migratedOrigin: Origin = {
    ...versionEntry.origin,
    locator: `${versionEntry.origin.locator} (migrated to v${migrated.to})`,
  };
  const walk = (node: ConfigTree, path: string[]): void => {
    for (const key of Object.keys(node)) {
      const value = node[key];
      const next = [...path, key];
      if (isPlainObject(value)) walk(value as ConfigTree, next);
      else if (value !== undefined)
        builder.set(next, value as LeafValue, originFor(entries, next, value) ?? migratedOrigin);
    }
  };
  walk(migrated.tree, []);
  const steps = migrated.applied.map((m) => m.description ?? `${m.from}→${m.to}`).join('; ');
  builder.warn(
    `${where} declares configVersion ${version}; migrated in memory to ${migrated.to} (${steps}). Run "strata migrate --write" to update the file.`,
  );
}

function isVersionEntry(entry: LayerEntry): boolean {
  return entry.path.length === 1 && entry.path[0] === CONFIG_VERSION_KEY;
}

function originFor(
  entries: readonly LayerEntry[],
  path: readonly string[],
  value: unknown,
): Origin | undefined {
  const samePath = entries.find((entry) => entry.path.join('.') === path.join('.'));
  if (samePath && deepEqual(samePath.value, value)) return samePath.origin;
  // A value moved to another key keeps the position it was written at.
  return entries.find((entry) => deepEqual(entry.value, value))?.origin;
}

function setPath(tree: ConfigTree, path: readonly string[], value: unknown): void {
  let node = tree;
  for (const segment of path.slice(0, -1)) {
    if (!isPlainObject(node[segment])) node[segment] = {};
    node = node[segment] as ConfigTree;
  }
  const last = path[path.length - 1];
  if (last !== undefined) node[last] = value;
}
