import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { CliError } from '../cli/cli-error.js';

/** The part of `@strata/flags` the CLI uses. */
export type FlagsPackage = typeof import('@strata/flags');

/**
 * `@strata/flags`, loaded only by the commands that show flags. The copy the application's definition uses
 * comes first (resolved from the definition file): its `@Flag` marks live in that copy's module, and a CLI
 * installed elsewhere may have none of its own. Then the CLI's own (an optional peer dependency).
 */
export async function loadFlagsPackage(definitionFile: string): Promise<FlagsPackage> {
  try {
    const resolved = createRequire(definitionFile).resolve('@strata/flags');
    return (await import(pathToFileURL(resolved).href)) as FlagsPackage;
  } catch {
    // Not installed beside the definition: try the CLI's own below.
  }
  try {
    return await import('@strata/flags');
  } catch (error) {
    throw CliError.usage(
      'flags need the @strata/flags package: install it in the application (npm install @strata/flags)',
      { cause: error },
    );
  }
}
