import type { InputLimits } from '@strata/core';
import type { ConfigFormat } from './parse/parsed-config.js';

/** Options every mode of {@link fileSource} shares. */
export interface FileSourceCommonOptions {
  /**
   * The source's name, unique within one configuration (appears in `sourceFailed` events and `explain`).
   * @default 'file'
   */
  name?: string;
  /**
   * A missing directory (`dir`), file (`file`) or an unsuccessful search (`discover`) gives an empty layer
   * instead of an error. Malformed files still fail. (This is not `ConfigSource.optional`, which would
   * also let the application start when a file is broken.)
   * @default false
   */
  optional?: boolean;
  /**
   * How long to wait after the last file-system event of a burst before re-reading the files.
   * @default 50
   */
  debounceMs?: number;
  /**
   * Re-hash the files on this interval even without events, in case the file system missed one (network
   * mounts, a replaced directory). `0` turns the poll off.
   * @default 2000
   */
  pollIntervalMs?: number;
  /**
   * YAML alias expansion limit (per anchor, as the `yaml` package counts); beyond it a file is refused as a
   * likely alias bomb.
   * @default 100
   */
  maxAliasCount?: number;
  /**
   * Size and shape bounds for every file this source reads: bytes (enforced while reading), keys, nesting
   * depth, string length. A file past one is refused with an `InputLimitError` naming it and the limit.
   * Only regular files are read (links are followed): a link to a device or a FIFO is an error.
   * @default defaultInputLimits (10 MiB, 100,000 keys, 64 levels, 1 MiB strings)
   * @example { maxBytes: 50_000_000 }
   */
  limits?: Partial<InputLimits>;
}

/**
 * A folder shared by several services, lying under each service's own directory: the platform team sets
 * organisation-wide values once. Load order (later wins): `<shared>/global.*`, `<shared>/<env>.*`,
 * `<shared>/services/<service>/default.*`, `<shared>/services/<service>/<env>.*`, then the service's own
 * profiles. Origins carry the level (`global`, `environment`, `shared service`, `service`), which `explain`
 * shows beside each candidate.
 */
export interface SharedConfigOptions {
  /**
   * The shared folder, relative to the context's `cwd` (or absolute).
   * @example '../platform'
   */
  dir: string;
  /**
   * This service's name: `services/<service>/` in the shared folder holds what the platform sets for it
   * alone (optional: a service may have no folder there). A plain name, no slashes.
   * @example 'billing'
   */
  service?: string;
  /** A missing shared folder is an empty level instead of an error. @default false */
  optional?: boolean;
}

/** Environment profiles in one directory: `default.*`, `<env>.*`, `local.*`, `local-<env>.*`. */
export interface ProfileDirectoryOptions extends FileSourceCommonOptions {
  /**
   * The directory, relative to the context's `cwd` (or absolute).
   * @example 'config'
   */
  dir: string;
  /**
   * The profile names in load order (later wins); `{env}` stands for the context's environment. A profile
   * whose name needs `{env}` is skipped when the environment is empty.
   * @default ['default', '{env}', 'local', 'local-{env}']
   */
  profiles?: readonly string[];
  /**
   * A shared folder lying under this directory (see {@link SharedConfigOptions}).
   * @example { dir: '../platform', service: 'billing' }
   */
  shared?: SharedConfigOptions;
  file?: never;
  discover?: never;
}

/** One explicit file. */
export interface SingleFileOptions extends FileSourceCommonOptions {
  /**
   * The file, relative to the context's `cwd` (or absolute).
   * @example 'settings.yaml'
   */
  file: string;
  /** The format, when the extension does not say it. @default taken from the extension */
  format?: ConfigFormat;
  dir?: never;
  discover?: never;
}

/** What cosmiconfig searches for. */
export interface DiscoverOptions {
  /**
   * The tool or application name: finds `package.json` key `<name>`, `.<name>rc` (YAML or JSON),
   * `.<name>rc.{json,yaml,yml,toml,js,cjs,mjs}`, the same under `.config/<name>rc*`, and
   * `<name>.config.{json,yaml,yml,toml,js,cjs,mjs}`. TypeScript config files are not searched.
   */
  name: string;
  /** Where the search starts, relative to the context's `cwd`. @default the context's cwd */
  searchFrom?: string;
  /**
   * Search upward from `searchFrom` up to and including this directory (relative to `cwd`). Without it only
   * `searchFrom` itself is searched. With it, cosmiconfig also looks in the user's global config directory
   * (`~/.config/<name>/config.*`) last.
   * @default only searchFrom
   */
  stopDir?: string;
}

/** Discovery through cosmiconfig. */
export interface DiscoveryOptions extends FileSourceCommonOptions {
  discover: DiscoverOptions;
  dir?: never;
  file?: never;
}

/** Options of {@link fileSource}: exactly one of `dir`, `file` or `discover`. */
export type FileSourceOptions = ProfileDirectoryOptions | SingleFileOptions | DiscoveryOptions;

/** The default profile list. */
export const defaultProfiles: readonly string[] = ['default', '{env}', 'local', 'local-{env}'];

/** The extensions tried for each profile, in load order. */
export const profileExtensions: readonly string[] = ['json', 'yaml', 'yml', 'toml'];
