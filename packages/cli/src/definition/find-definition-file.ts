import { existsSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { CliError } from '../cli/cli-error.js';

/** The file names looked for in `--cwd`, in order. */
export const definitionFileNames: readonly string[] = ['strata.config.mjs', 'strata.config.js'];

/**
 * The definition module to load: `--config` (relative to `cwd`), else the first of
 * {@link definitionFileNames} in `cwd`. Throws a usage error naming what was looked for.
 */
export function findDefinitionFile(cwd: string, config: string | undefined): string {
  if (config !== undefined) {
    const file = resolve(cwd, config);
    if (!existsSync(file) || !statSync(file).isFile()) {
      throw CliError.usage(`--config ${config}: no such file (resolved against ${cwd})`);
    }
    if (['.ts', '.mts', '.cts'].includes(extname(file))) {
      throw CliError.usage(
        `--config ${config}: TypeScript definitions must be compiled first (decorator metadata needs tsc's emitDecoratorMetadata); point --config at the compiled .js file, or import it from a strata.config.mjs`,
      );
    }
    return file;
  }
  for (const name of definitionFileNames) {
    const file = join(cwd, name);
    if (existsSync(file)) return file;
  }
  const typescript = ['strata.config.ts', 'strata.config.mts'].find((name) => existsSync(join(cwd, name)));
  const hint = typescript
    ? ` (found ${typescript}: compile it first and import the compiled module from a strata.config.mjs)`
    : '';
  throw CliError.usage(
    `no ${definitionFileNames.join(' or ')} in ${cwd}${hint}; pass --config <file>, or run "strata init" to create one`,
  );
}
