import { resolve } from 'node:path';
import { StrataError } from '@strata/core';
import { setUpDefinition } from '../definition/definition-setup.js';
import type { LoadedDefinition } from '../definition/load-definition.js';

/** Options of {@link findConfigFiles}. */
export interface FindFilesOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The environments whose files to collect. */
  readonly environments: readonly string[];
}

/** The configuration files the definition's sources read, and the sources that failed. */
export interface FoundFiles {
  /** Absolute paths, in the order first seen. */
  readonly files: readonly string[];
  /** Messages of sources that could not be loaded (a parse error, a missing directory). */
  readonly problems: readonly string[];
}

/**
 * Load each source for each environment (without merging or validating) and collect the files its values
 * came from: the entries whose origin is `{ source: 'file', locator: 'path:line:col' }`.
 */
export async function findConfigFiles(
  loaded: LoadedDefinition,
  options: FindFilesOptions,
): Promise<FoundFiles> {
  const files: string[] = [];
  const problems: string[] = [];
  for (const environment of options.environments) {
    const setup = setUpDefinition(loaded, { cwd: options.cwd, env: options.env, environment });
    try {
      for (const source of setup.sources) {
        try {
          const layer = await source.load(setup.context);
          for (const entry of layer.entries) {
            if (entry.origin.source !== 'file') continue;
            const file = resolve(options.cwd, entry.origin.locator.replace(/(:\d+){1,2}$/, ''));
            if (!files.includes(file)) files.push(file);
          }
        } catch (error) {
          if (StrataError.is(error, 'DEFINITION_INVALID')) throw error;
          const message = error instanceof Error ? error.message : String(error);
          if (!problems.includes(message)) problems.push(message);
        }
      }
    } finally {
      await setup.dispose();
    }
  }
  return { files, problems };
}
