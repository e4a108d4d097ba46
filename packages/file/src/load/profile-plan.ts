import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type InputLimits, SourceError, type SourceContext } from '@strata/core';
import { decodeInputText, LayerBuilder } from '@strata/core/source';
import { parseConfigEntries } from '../parse/parse-config-file.js';
import { addParsedFile } from './add-parsed-file.js';
import { displayPath } from './display-path.js';
import { readSnapshot } from './file-snapshot.js';
import type { LoadOutcome, LoadPlan, WatchTargets } from './load-plan.js';
import { readFailure } from './read-failure.js';

/** Options of {@link profilePlan}. */
export interface ProfilePlanOptions {
  readonly source: string;
  readonly dir: string;
  readonly profiles: readonly string[];
  readonly extensions: readonly string[];
  readonly optional: boolean;
  readonly maxAliasCount: number;
  readonly limits: InputLimits;
}

/** Profiles in one directory: each profile's files in extension order, profiles in the given order. */
export function profilePlan(options: ProfilePlanOptions): LoadPlan {
  const targets = async (context: SourceContext): Promise<WatchTargets> => {
    const dir = resolve(context.cwd, options.dir);
    const candidates = profileNames(options.profiles, context.environment, options.source).flatMap(
      (profile) => options.extensions.map((extension) => resolve(dir, `${profile}.${extension}`)),
    );
    return { candidates, directories: [dir] };
  };

  const load = async (context: SourceContext): Promise<LoadOutcome> => {
    const current = await targets(context);
    const dir = resolve(context.cwd, options.dir);
    const builder = new LayerBuilder({ source: options.source, limits: options.limits });
    const dirName = displayPath(context.cwd, dir);
    const kind = await stat(dir).then(
      (stats) => (stats.isDirectory() ? 'directory' : 'other'),
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return 'missing';
        throw new SourceError(options.source, `cannot read directory ${dirName} (${error.code})`, {
          cause: error,
        });
      },
    );
    if (kind === 'other') {
      throw new SourceError(
        options.source,
        `${dirName} is not a directory; pass the configuration directory as dir`,
      );
    }
    if (kind === 'missing' && !options.optional) {
      throw new SourceError(
        options.source,
        `configuration directory ${dirName} does not exist (resolved against ${context.cwd}); create it or pass optional: true`,
      );
    }
    const snapshot = await readSnapshot(current.candidates, {
      limits: options.limits,
      source: options.source,
      display: (path) => displayPath(context.cwd, path),
    });
    const loadedByProfile = new Map<string, string[]>();
    for (const state of snapshot.files) {
      const name = displayPath(context.cwd, state.path);
      if (state.dangling !== undefined) {
        // Loading on without it would silently drop a profile the operator linked in (a ConfigMap key gone).
        builder.warn(
          `${name} is a symbolic link to ${state.dangling}, which does not exist; the profile is skipped`,
        );
      }
      if (state.digest === 'missing') continue;
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
      addParsedFile(builder, parsed);
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
