import type { ConfigSource, InputLimits, Layer, SourceContext, SourceSignals } from '@strata/core';
import path from 'node:path';
import { StrataError } from '@strata/core';
import { resolveInputLimits } from '@strata/core/source';
import { displayPath } from './load/display-path.js';
import { discoveryPlan } from './load/discovery-plan.js';
import type { LoadPlan } from './load/load-plan.js';
import { type ProfileLevel, profilePlan } from './load/profile-plan.js';
import { singleFilePlan } from './load/single-file-plan.js';
import { configFormatOf } from './parse/config-format.js';
import { DirectoryWatcher } from './watch/directory-watcher.js';
import type { FileWatchHandle } from './watch/file-watch-handle.js';
import { SnapshotTracker } from './watch/snapshot-tracker.js';
import { environmentsIn } from './load/profile-names.js';
import { profileInputFiles } from './load/profile-input-files.js';
import {
  defaultProfiles,
  type FileSourceOptions,
  profileExtensions,
  type SharedConfigOptions,
} from './file-source-options.js';

/** The source {@link fileSource} returns: a `ConfigSource` whose `watch` also reports readiness. */
export interface FileConfigSource extends ConfigSource {
  load(context: SourceContext): Promise<Layer>;
  watch(context: SourceContext, signals: SourceSignals): FileWatchHandle;
  dispose(): Promise<void>;
}

/**
 * Configuration files as a Strata source, in one of three modes:
 *
 * - `fileSource({ dir: 'config' })`: profiles `default`, `<env>`, `local`, `local-<env>`, each as `.json`,
 *   `.yaml`, `.yml`, `.toml` (all that exist, in that order);
 * - `fileSource({ file: 'settings.yaml' })`: one file;
 * - `fileSource({ discover: { name: 'myapp' } })`: found by cosmiconfig (`.myapprc*`, `myapp.config.*`,
 *   `package.json` key).
 *
 * Produces one typed layer (later files win) whose origins are `config/production.yaml:12:7`. `watch()`
 * watches the directories, debounces, re-reads through the paths and signals only real content changes.
 */
export function fileSource(options: FileSourceOptions): FileConfigSource {
  const name = options.name ?? 'file';
  const limits = resolveInputLimits(options.limits);
  const plan = planFor(options, name, limits);
  const tracker = new SnapshotTracker();
  const watchers = new Set<DirectoryWatcher>();
  const debounceMs = options.debounceMs ?? 50;
  const pollIntervalMs = options.pollIntervalMs ?? 2000;
  if (!(debounceMs >= 0) || !(pollIntervalMs >= 0)) {
    throw new StrataError(
      'DEFINITION_INVALID',
      `fileSource "${name}": debounceMs and pollIntervalMs must be >= 0`,
    );
  }

  // The first load reads synchronously (faster at start-up); reloads of a running service never block.
  let loadedOnce = false;

  return {
    name,
    async load(context) {
      const sync = !loadedOnce;
      loadedOnce = true;
      const outcome = await plan.load(context, { sync });
      tracker.loaded(outcome.snapshot, outcome.targets);
      return outcome.layer;
    },
    watch(context, signals) {
      // Watching before any load: the targets must be known before the directories can be watched.
      const prepared = tracker.targets
        ? Promise.resolve()
        : plan.targets(context).then((targets) => tracker.assume(targets));
      const watcher = new DirectoryWatcher({
        source: name,
        cwd: context.cwd,
        tracker,
        signals,
        logger: context.logger,
        debounceMs,
        pollIntervalMs,
        limits,
        prepared,
        onDispose: (disposed) => watchers.delete(disposed),
      });
      watchers.add(watcher);
      return watcher;
    },
    describe(field, context) {
      if (options.dir !== undefined) {
        const dir = path.resolve(context.cwd, options.dir);
        const files = profileInputFiles(dir, options.profiles ?? defaultProfiles, context.environment);
        return `${field.path} in ${files.map((file) => displayPath(context.cwd, file)).join(' or ')}`;
      }
      if (options.file !== undefined) return `${field.path} in ${options.file}`;
      return `${field.path} in the ${options.discover?.name} configuration file`;
    },
    async environments(context) {
      if (options.dir === undefined) return [];
      const own = await environmentsIn(
        path.resolve(context.cwd, options.dir),
        options.profiles ?? defaultProfiles,
      );
      if (!options.shared) return own;
      const shared = await environmentsIn(path.resolve(context.cwd, options.shared.dir), sharedProfiles);
      return [...new Set([...own, ...shared])].sort();
    },
    async dispose() {
      const closing = [...watchers].map((watcher) => {
        watcher.dispose();
        return watcher.closed;
      });
      await Promise.all(closing);
      plan.dispose?.();
    },
  };
}

/** The profiles of the shared folder: organisation-wide first. */
const sharedProfiles: readonly string[] = ['global', '{env}'];

/** The levels of a shared folder, lowest first: global, the environment, then this service's folder there. */
function sharedLevels(shared: SharedConfigOptions, source: string): ProfileLevel[] {
  const optional = shared.optional ?? false;
  const levels: ProfileLevel[] = [
    { dir: shared.dir, profiles: ['global'], optional, label: 'global' },
    { dir: shared.dir, profiles: ['{env}'], optional, label: 'environment' },
  ];
  if (shared.service !== undefined) {
    if (!/^[\w.-]+$/.test(shared.service) || /^\.+$/.test(shared.service)) {
      throw new StrataError(
        'DEFINITION_INVALID',
        `fileSource "${source}": shared.service must be a plain name (letters, digits, . _ -), got "${shared.service}"`,
      );
    }
    levels.push({
      dir: path.join(shared.dir, 'services', shared.service),
      profiles: ['default', '{env}'],
      optional: true,
      label: 'shared service',
    });
  }
  return levels;
}

function planFor(options: FileSourceOptions, source: string, limits: InputLimits): LoadPlan {
  const optional = options.optional ?? false;
  const maxAliasCount = options.maxAliasCount ?? 100;
  const modes = [options.dir, options.file, options.discover].filter((mode) => mode !== undefined).length;
  if (modes !== 1) {
    throw new StrataError(
      'DEFINITION_INVALID',
      `fileSource "${source}": pass exactly one of dir, file or discover (got ${modes})`,
    );
  }
  if (options.dir !== undefined) {
    const own = { dir: options.dir, profiles: options.profiles ?? defaultProfiles, optional };
    return profilePlan({
      source,
      levels: options.shared
        ? [...sharedLevels(options.shared, source), { ...own, label: 'service' }]
        : [own],
      extensions: profileExtensions,
      maxAliasCount,
      limits,
    });
  }
  if (options.file !== undefined) {
    const format = options.format ?? configFormatOf(options.file);
    if (format === undefined) {
      throw new StrataError(
        'DEFINITION_INVALID',
        `fileSource "${source}": cannot tell the format of ${options.file}; use .json, .yaml, .yml or .toml, or pass format`,
      );
    }
    return singleFilePlan({ source, file: options.file, format, optional, maxAliasCount, limits });
  }
  const discover = options.discover;
  if (!discover?.name || /[/\\]/.test(discover.name)) {
    throw new StrataError('DEFINITION_INVALID', `fileSource "${source}": discover.name must be a plain name`);
  }
  return discoveryPlan({
    source,
    name: discover.name,
    searchFrom: discover.searchFrom,
    stopDir: discover.stopDir,
    optional,
    maxAliasCount,
    limits,
  });
}
