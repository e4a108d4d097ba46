import { resolve } from 'node:path';
import { eachSourceLayer } from '../definition/each-source-layer.js';
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
  const problems = await eachSourceLayer(loaded, options, (layer) => {
    for (const entry of layer.entries) {
      if (entry.origin.source !== 'file') continue;
      const file = resolve(options.cwd, entry.origin.locator.replace(/(:\d+){1,2}$/, ''));
      if (!files.includes(file)) files.push(file);
    }
  });
  return { files, problems };
}
