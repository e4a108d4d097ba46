import { dirname, resolve } from 'node:path';
import { type InputLimits, SourceError, type SourceContext } from '@strata/core';
import { decodeInputText, LayerBuilder } from '@strata/core/source';
import { parseConfigEntries } from '../parse/parse-config-file.js';
import type { ConfigFormat } from '../parse/parsed-config.js';
import { addParsedFile } from './add-parsed-file.js';
import { displayPath } from './display-path.js';
import { isMissing, readSnapshot, readSnapshotSync } from './file-snapshot.js';
import type { LoadHow, LoadOutcome, LoadPlan, WatchTargets } from './load-plan.js';
import { readFailure } from './read-failure.js';

/** Options of {@link singleFilePlan}. */
export interface SingleFilePlanOptions {
  readonly source: string;
  readonly file: string;
  readonly format: ConfigFormat;
  readonly optional: boolean;
  readonly maxAliasCount: number;
  readonly limits: InputLimits;
}

/** One explicit file; its directory is watched. */
export function singleFilePlan(options: SingleFilePlanOptions): LoadPlan {
  const targets = async (context: SourceContext): Promise<WatchTargets> => {
    const file = resolve(context.cwd, options.file);
    return { candidates: [file], directories: [dirname(file)] };
  };

  const load = async (context: SourceContext, how?: LoadHow): Promise<LoadOutcome> => {
    const current = await targets(context);
    const name = displayPath(context.cwd, current.candidates[0] as string);
    const readOptions = { limits: options.limits, source: options.source, display: () => name };
    const snapshot = how?.sync
      ? readSnapshotSync(current.candidates, readOptions)
      : await readSnapshot(current.candidates, readOptions);
    const builder = new LayerBuilder({ source: options.source, limits: options.limits });
    const state = snapshot.files[0];
    if (state?.dangling !== undefined) {
      builder.warn(`${name} is a symbolic link to ${state.dangling}, which does not exist`);
    }
    if (!state || isMissing(state)) {
      if (!options.optional) {
        throw new SourceError(
          options.source,
          `configuration file ${name} does not exist (resolved against ${context.cwd}); create it or pass optional: true`,
        );
      }
    } else if (!state.content) {
      throw readFailure(options.source, name, state);
    } else {
      addParsedFile(
        builder,
        parseConfigEntries(
          {
            text: decodeInputText(state.content, name),
            file: name,
            format: options.format,
            maxAliasCount: options.maxAliasCount,
            lazyPositions: true,
            limits: options.limits,
          },
          'fileSource',
        ),
      );
    }
    return { layer: builder.build(), snapshot, targets: current };
  };

  return { targets, load };
}
