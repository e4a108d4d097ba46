import { CONFIG_VERSION_KEY, type ConfigTree, type Migration } from '@strata/core';
import { migrateTree } from '@strata/core/tooling';
import { configFormatOf, parseConfigFile } from '@strata/file';
import { type Document, parseDocument } from 'yaml';
import { CliError } from '../cli/cli-error.js';
import { readCliFile } from '../cli/read-cli-file.js';
import { syncYamlDocument } from './sync-yaml-document.js';

/** What migrating one file gives. */
export type FileMigration =
  | {
      /**
       * `current`: at the definition's version; `unversioned`: no `configVersion` (taken as current);
       * `skipped`: not a data file (a `.js` config); `manual`: older, but the format cannot be rewritten.
       */
      readonly status: 'current' | 'unversioned' | 'skipped' | 'manual';
      readonly file: string;
      readonly from?: number;
      readonly reason?: string;
    }
  | {
      readonly status: 'migrate';
      readonly file: string;
      readonly from: number;
      readonly to: number;
      /** The applied steps' descriptions (`1→2` when a step has none). */
      readonly steps: readonly string[];
      /** The text before and after, without a byte-order mark. */
      readonly before: string;
      readonly after: string;
      /** `'\uFEFF'` when the file starts with a byte-order mark (kept when writing), else `''`. */
      readonly bom: string;
    };

/** Options of {@link migrateFile}. */
export interface MigrateFileOptions {
  /** The definition's `configVersion`. */
  readonly to: number;
  readonly migrations: readonly Migration[];
  /** The file's name for messages. */
  readonly displayName: string;
}

/**
 * Read a configuration file and, when its top-level `configVersion` is older than `to`, compute the migrated
 * text: YAML through the document API (comments, key order and styles kept), JSON re-written with two-space
 * indentation; TOML and JSON with comments are reported as `manual`. Throws the file's `ParseError`, and
 * core's `DEFINITION_INVALID` error when no chain of migrations leads to `to`.
 */
export async function migrateFile(file: string, options: MigrateFileOptions): Promise<FileMigration> {
  const format = configFormatOf(file);
  if (format === undefined) return { status: 'skipped', file };
  // Read again, not taken from the source's load: the file may have changed since, and must still be a
  // regular, bounded, UTF-8 file.
  const found = await readCliFile(file, options.displayName);
  if (found.kind === 'missing')
    throw CliError.problems(`${options.displayName}: no such file (removed while migrating?)`);
  const { text, bom } = found;
  const parsed = parseConfigFile({ text, file: options.displayName, format });
  const version = parsed.entries.find((e) => e.path.length === 1 && e.path[0] === CONFIG_VERSION_KEY)?.value;
  const from = Number(version);
  if (version === undefined || version === null || !Number.isInteger(from))
    return { status: 'unversioned', file };
  if (from === options.to) return { status: 'current', file };
  let tree: ConfigTree;
  let doc: Document | undefined;
  if (format === 'yaml') {
    doc = parseDocument(text);
    tree = doc.toJS() as ConfigTree;
  } else if (format === 'json') {
    try {
      // The same text passed `parseConfigFile` above: unsafe keys refused, nesting bounded before parsing.
      tree = JSON.parse(text) as ConfigTree;
    } catch {
      return { status: 'manual', file, from, reason: 'JSON with comments cannot be rewritten keeping them' };
    }
  } else {
    return { status: 'manual', file, from, reason: `${format.toUpperCase()} files are not rewritten` };
  }
  const { [CONFIG_VERSION_KEY]: _version, ...rest } = tree;
  const migrated = migrateTree(rest, {
    from,
    to: options.to,
    migrations: options.migrations,
    where: options.displayName,
  });
  const target: ConfigTree = { [CONFIG_VERSION_KEY]: migrated.to, ...migrated.tree };
  let after: string;
  if (doc) {
    syncYamlDocument(doc, target);
    after = doc.toString({ lineWidth: 0 });
  } else {
    after = `${JSON.stringify(ordered(tree, target), null, 2)}\n`;
  }
  return {
    status: 'migrate',
    file,
    from,
    to: migrated.to,
    steps: migrated.applied.map((step) => step.description ?? `${step.from}→${step.to}`),
    before: text,
    after,
    bom,
  };
}

/** `target` with the keys `original` had first, in their order, then the new ones. */
function ordered(original: ConfigTree, target: ConfigTree): ConfigTree {
  // No prototype: a "__proto__" key in a file stays a plain key.
  const result = Object.create(null) as ConfigTree;
  for (const key of Object.keys(original)) {
    if (!Object.hasOwn(target, key)) continue;
    const before = original[key];
    const after = target[key];
    result[key] = isTree(before) && isTree(after) ? ordered(before, after) : after;
  }
  for (const key of Object.keys(target)) if (!Object.hasOwn(result, key)) result[key] = target[key];
  return result;
}

function isTree(value: unknown): value is ConfigTree {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
