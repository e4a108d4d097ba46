import { type Stats, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type InputLimits, SourceError, type SourceContext } from '@strata/core';
import { decodeInputText, LayerBuilder } from '@strata/core/source';
import { parseConfigEntries } from '../parse/parse-config-file.js';
import { addParsedFile } from './add-parsed-file.js';
import { displayPath } from './display-path.js';
import { isMissing, readSnapshot, readSnapshotSync } from './file-snapshot.js';
import type { LoadHow, LoadOutcome, LoadPlan, WatchTargets } from './load-plan.js';
import { readFailure } from './read-failure.js';

/** One directory of profiles in a {@link profilePlan}; later levels lie over earlier ones. */
export interface ProfileLevel {
  readonly dir: string;
  readonly profiles: readonly string[];
  /** A missing directory is an empty level instead of an error. */
  readonly optional: boolean;
  /** The level's name in origins (`global`, `environment`, `service`), when the source stacks several. */
  readonly label?: string | undefined;
}

/** Options of {@link profilePlan}. */
export interface ProfilePlanOptions {
  readonly source: string;
  /** The directories, lowest precedence first (one for a plain `dir`; more with `shared`). */
  readonly levels: readonly ProfileLevel[];
  readonly extensions: readonly string[];
  readonly maxAliasCount: number;
  readonly limits: InputLimits;
}

/**
 * Profiles in one or more directories: each profile's files in extension order, profiles in the given order,
 * levels in the given order. All candidates are read as one snapshot, so a watcher sees the whole stack.
 */
export function profilePlan(options: ProfilePlanOptions): LoadPlan {
  /** Each level's candidate files, in load order. */
  const filesOf = (context: SourceContext): string[][] =>
    options.levels.map((level) => {
      const dir = resolve(context.cwd, level.dir);
      return profileNames(level.profiles, context.environment, options.source).flatMap((profile) =>
        options.extensions.map((extension) => resolve(dir, `${profile}.${extension}`)),
      );
    });
  const targets = async (context: SourceContext): Promise<WatchTargets> => {
    const directories = [...new Set(options.levels.map((level) => resolve(context.cwd, level.dir)))];
    return { candidates: filesOf(context).flat(), directories };
  };

  const load = async (context: SourceContext, how?: LoadHow): Promise<LoadOutcome> => {
    const current = await targets(context);
    const builder = new LayerBuilder({ source: options.source, limits: options.limits });
    for (const level of options.levels)
      await checkDirectory(level, context, options.source, how?.sync === true);
    const labels = new Map<string, string | undefined>();
    filesOf(context).forEach((files, i) => {
      for (const file of files) if (!labels.has(file)) labels.set(file, options.levels[i]!.label);
    });
    const readOptions = {
      limits: options.limits,
      source: options.source,
      display: (path: string) => displayPath(context.cwd, path),
    };
    const snapshot = how?.sync
      ? readSnapshotSync(current.candidates, readOptions)
      : await readSnapshot(current.candidates, readOptions);
    const loadedByProfile = new Map<string, string[]>();
    for (const state of snapshot.files) {
      const name = displayPath(context.cwd, state.path);
      if (state.dangling !== undefined) {
        // Loading on without it would silently drop a profile the operator linked in (a ConfigMap key gone).
        builder.warn(
          `${name} is a symbolic link to ${state.dangling}, which does not exist; the profile is skipped`,
        );
      }
      if (isMissing(state)) continue;
      if (!state.content) throw readFailure(options.source, name, state);
      const parsed = parseConfigEntries(
        {
          text: decodeInputText(state.content, name),
          file: name,
          maxAliasCount: options.maxAliasCount,
          lazyPositions: true,
          limits: options.limits,
        },
        'fileSource',
      );
      addParsedFile(builder, parsed, labels.get(state.path));
      const profile = name.slice(0, name.lastIndexOf('.'));
      loadedByProfile.set(profile, [...(loadedByProfile.get(profile) ?? []), name]);
    }
    for (const [profile, files] of loadedByProfile) {
      if (files.length > 1) {
        builder.warn(
          `${profile} exists in several formats (${files.join(', ')}); all are loaded, later ones win`,
        );
      }
    }
    return { layer: builder.build(), snapshot, targets: current };
  };

  return { targets, load };
}

/** A level's directory must be a directory, and exist unless the level is optional. */
async function checkDirectory(
  level: ProfileLevel,
  context: SourceContext,
  source: string,
  sync: boolean,
): Promise<void> {
  const dir = resolve(context.cwd, level.dir);
  const dirName = displayPath(context.cwd, dir);
  const found = (stats: Stats): 'directory' | 'other' => (stats.isDirectory() ? 'directory' : 'other');
  const failed = (error: NodeJS.ErrnoException): 'missing' => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return 'missing';
    throw new SourceError(source, `cannot read directory ${dirName} (${error.code})`, { cause: error });
  };
  let kind: 'directory' | 'other' | 'missing';
  if (sync) {
    try {
      kind = found(statSync(dir));
    } catch (error) {
      kind = failed(error as NodeJS.ErrnoException);
    }
  } else kind = await stat(dir).then(found, failed);
  if (kind === 'other') {
    throw new SourceError(source, `${dirName} is not a directory; pass the configuration directory as dir`);
  }
  if (kind === 'missing' && !level.optional) {
    throw new SourceError(
      source,
      `configuration directory ${dirName} does not exist (resolved against ${context.cwd}); create it or pass optional: true`,
    );
  }
}

/** The profile names with `{env}` filled in, duplicates removed (first kept), unsafe names refused. */
export function profileNames(templates: readonly string[], environment: string, source: string): string[] {
  const names: string[] = [];
  for (const template of templates) {
    if (template.includes('{env}') && environment === '') continue;
    const name = template.replaceAll('{env}', environment);
    if (name === '' || name === '.' || name === '..' || /[/\\]/.test(name)) {
      throw new SourceError(
        source,
        `profile name "${name}" (from "${template}" with environment "${environment}") is not a plain file name`,
      );
    }
    if (!names.includes(name)) names.push(name);
  }
  return names;
}
