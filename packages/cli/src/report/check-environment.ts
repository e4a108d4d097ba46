import { type Config, type ConfigValidationError, type Issue, StrataError } from '@strata/core';
import { environmentOf } from '../definition/definition-setup.js';
import type { LoadedDefinition } from '../definition/load-definition.js';
import { openConfig } from '../definition/open-config.js';
import { dotenvFileOf, withoutSharedDotenv } from '../definition/without-shared-dotenv.js';
import { issueFromError } from './issue-from-error.js';
import { categorize, type ReportedIssue } from './reported-issue.js';

/** The outcome of validating one environment. */
export interface EnvironmentReport {
  /** The environment's name. */
  readonly name: string;
  readonly valid: boolean;
  /** How many values are set (defaults included); only for a valid environment. */
  readonly values?: number;
  /** Problems that make the configuration invalid. */
  readonly errors: readonly ReportedIssue[];
  /** Problems that do not: unknown keys outside strict mode, deprecated keys in use. */
  readonly warnings: readonly ReportedIssue[];
  /** Other warnings the sources and the engine logged (a file migrated in memory, a deprecated file name). */
  readonly notes: readonly string[];
  /** The `.env` files values were taken from, and those left out of this check. */
  readonly dotenv: DotenvUse;
}

/** Which `.env` files an environment's check read. */
export interface DotenvUse {
  /** Files at least one effective value came from (known only when the environment loaded). */
  readonly used: readonly string[];
  /** Shared `.env` files whose values were left out (environments other than the default one). */
  readonly leftOut: readonly string[];
}

/** Options of {@link checkEnvironment}. */
export interface CheckOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The environment to check; default as `loadConfig` resolves it. */
  readonly environment: string | undefined;
  /** Unknown keys are errors (`--strict`). The definition's own `strict: true` counts too. */
  readonly strict: boolean;
  /**
   * Read shared `.env` files (`.env`, `.env.local`) for this environment. Files named for the environment
   * (`.env.production`) are read either way. @default true
   */
  readonly sharedDotenv?: boolean;
}

/**
 * Load one environment the way the application would and report every problem. Never throws for an invalid
 * configuration or a failing source; a definition error (exit code 2) still throws.
 */
export async function checkEnvironment(
  loaded: LoadedDefinition,
  options: CheckOptions,
): Promise<EnvironmentReport> {
  const name = environmentOf(loaded.definition, options);
  const strict = options.strict || loaded.definition.strict === true;
  const load = { cwd: options.cwd, env: options.env, environment: name };
  const leftOut = new Set<string>();
  const definition = options.sharedDotenv === false ? withoutSharedDotenv(loaded, name, leftOut) : loaded;
  const dotenv = (used: readonly string[] = []): DotenvUse => ({ used, leftOut: [...leftOut] });
  try {
    // Loaded leniently, so unknown keys arrive as warnings with everything else; strictness is applied here.
    const { config, notes } = await openConfig(definition, { ...load, strict: false });
    const values = config.schema.fields.filter(
      (field) => config.snapshot.value(field.path) !== undefined,
    ).length;
    const warnings = config.warnings.map(categorize);
    const used = dotenvFilesUsed(config);
    await config.close();
    const promoted = strict ? warnings.filter(isUnknownKey).map(asError) : [];
    const remaining = strict ? warnings.filter((issue) => !isUnknownKey(issue)) : warnings;
    return promoted.length > 0
      ? { name, valid: false, errors: promoted, warnings: remaining, notes, dotenv: dotenv(used) }
      : { name, valid: true, values, errors: [], warnings: remaining, notes, dotenv: dotenv(used) };
  } catch (error) {
    if (!StrataError.is(error) || error.code === 'DEFINITION_INVALID') throw error;
    if (error.code !== 'CONFIG_INVALID') {
      const errors = [categorize(issueFromError(error))];
      return { name, valid: false, errors, warnings: [], notes: [], dotenv: dotenv() };
    }
    const invalid = error as ConfigValidationError;
    const errors = invalid.issues.map(categorize);
    const warnings = invalid.warnings.map(categorize);
    const promoted = strict ? warnings.filter(isUnknownKey).map(asError) : [];
    const remaining = strict ? warnings.filter((issue) => !isUnknownKey(issue)) : warnings;
    return {
      name,
      valid: false,
      errors: [...errors, ...promoted],
      warnings: remaining,
      notes: [],
      dotenv: dotenv(),
    };
  }
}

/** The `.env` files that supplied an effective value, in the order first met. */
function dotenvFilesUsed(config: Config): string[] {
  const files = new Set<string>();
  for (const field of config.schema.fields) {
    const origin = config.snapshot.originOf(field.path);
    const file = origin && dotenvFileOf(origin);
    if (file !== undefined) files.add(file);
  }
  return [...files];
}

function isUnknownKey(issue: Issue): boolean {
  return issue.constraint === 'unknownKey';
}

function asError(issue: ReportedIssue): ReportedIssue {
  return { ...issue, severity: 'error' };
}
