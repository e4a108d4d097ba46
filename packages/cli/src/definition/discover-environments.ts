import { CliError } from '../cli/cli-error.js';
import { setUpDefinition } from './definition-setup.js';
import type { LoadedDefinition } from './load-definition.js';

/**
 * The environments the definition's sources have specific values for (`source.environments()`, e.g. a file
 * source's `production.yaml`), in the order found, without duplicates.
 */
export async function discoverEnvironments(
  loaded: LoadedDefinition,
  options: { cwd: string; env: Readonly<Record<string, string | undefined>> },
): Promise<string[]> {
  const setup = setUpDefinition(loaded, { ...options, environment: undefined });
  const found: string[] = [];
  try {
    for (const source of setup.sources) {
      if (!source.environments) continue;
      let names: readonly string[];
      try {
        names = await source.environments(setup.context);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw CliError.problems(`source "${source.name}" could not list its environments: ${reason}`, {
          cause: error,
        });
      }
      for (const name of names) if (!found.includes(name)) found.push(name);
    }
  } finally {
    await setup.dispose();
  }
  return found;
}
