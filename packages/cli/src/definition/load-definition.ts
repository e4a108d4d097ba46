import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConfigDefinition } from '@strata/core';
import { CliError } from '../cli/cli-error.js';
import { findDefinitionFile } from './find-definition-file.js';

/** What a definition module's default-exported function receives. */
export interface DefinitionContext {
  /** The directory the CLI works in (`--cwd`). */
  readonly cwd: string;
  /** The environment given with `--env` (the first one), if any. */
  readonly environment: string | undefined;
  /** The environment variables. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A definition module, loaded and checked. */
export interface LoadedDefinition {
  /** The module's absolute path. */
  readonly file: string;
  /** The module's path relative to `cwd`, for messages. */
  readonly displayName: string;
  readonly definition: ConfigDefinition;
}

/** Options of {@link loadDefinition}. */
export interface LoadDefinitionOptions extends DefinitionContext {
  /** `--config`, relative to `cwd`. */
  readonly config: string | undefined;
}

/**
 * Find and import the application's definition module. Its default export is a `ConfigDefinition` or a
 * (possibly async) function of a {@link DefinitionContext} returning one. Every failure is a usage error
 * (exit code 2) that says what to do.
 */
export async function loadDefinition(options: LoadDefinitionOptions): Promise<LoadedDefinition> {
  const file = findDefinitionFile(options.cwd, options.config);
  const displayName = relative(options.cwd, file) || file;
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    const missing = (error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND';
    const hint = missing ? ' (if it imports compiled code, build the application first, e.g. tsc -b)' : '';
    throw CliError.usage(`cannot load the definition ${displayName}: ${describe(error)}${hint}`, {
      cause: error,
    });
  }
  let exported = module.default;
  if (typeof exported === 'function') {
    try {
      exported = await (exported as (context: DefinitionContext) => unknown)({
        cwd: options.cwd,
        environment: options.environment,
        env: options.env,
      });
    } catch (error) {
      throw CliError.usage(`the definition function in ${displayName} failed: ${describe(error)}`, {
        cause: error,
      });
    }
  }
  return { file, displayName, definition: checkDefinition(exported, displayName) };
}

function checkDefinition(value: unknown, displayName: string): ConfigDefinition {
  const expected =
    'export default a definition ({ sections: [...], sources: [...] }) or a function returning one';
  if (value === undefined) throw CliError.usage(`${displayName} has no default export; ${expected}`);
  if (typeof value !== 'object' || value === null) {
    throw CliError.usage(`${displayName}: the default export is not an object; ${expected}`);
  }
  const { sections, sources } = value as { sections?: unknown; sources?: unknown };
  if (!Array.isArray(sections) || sections.length === 0) {
    throw CliError.usage(`${displayName}: "sections" must list at least one @Section class; ${expected}`);
  }
  const notClass = sections.findIndex((section) => typeof section !== 'function');
  if (notClass >= 0) throw CliError.usage(`${displayName}: sections[${notClass}] is not a class`);
  if ((!Array.isArray(sources) || sources.length === 0) && typeof sources !== 'function') {
    throw CliError.usage(
      `${displayName}: "sources" must list at least one source (or be a function returning them); ${expected}`,
    );
  }
  return value as ConfigDefinition;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
