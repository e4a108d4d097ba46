import { type ConfigValidationError, type Issue, StrataError } from '@strata/core';
import { environmentOf } from '../definition/definition-setup.js';
import type { LoadedDefinition } from '../definition/load-definition.js';
import { openConfig } from '../definition/open-config.js';
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
}

/** Options of {@link checkEnvironment}. */
export interface CheckOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The environment to check; default as `loadConfig` resolves it. */
  readonly environment: string | undefined;
  /** Unknown keys are errors (`--strict`). The definition's own `strict: true` counts too. */
  readonly strict: boolean;
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
  try {
    // Loaded leniently, so unknown keys arrive as warnings with everything else; strictness is applied here.
    const { config, notes } = await openConfig(loaded, { ...load, strict: false });
    const values = config.schema.fields.filter(
      (field) => config.snapshot.value(field.path) !== undefined,
    ).length;
    const warnings = config.warnings.map(categorize);
    await config.close();
    const promoted = strict ? warnings.filter(isUnknownKey).map(asError) : [];
    const remaining = strict ? warnings.filter((issue) => !isUnknownKey(issue)) : warnings;
    return promoted.length > 0
      ? { name, valid: false, errors: promoted, warnings: remaining, notes }
      : { name, valid: true, values, errors: [], warnings: remaining, notes };
  } catch (error) {
    if (!StrataError.is(error) || error.code === 'DEFINITION_INVALID') throw error;
    if (error.code !== 'CONFIG_INVALID') {
      return { name, valid: false, errors: [categorize(issueFromError(error))], warnings: [], notes: [] };
    }
    const invalid = error as ConfigValidationError;
    const errors = invalid.issues.map(categorize);
    const warnings = invalid.warnings.map(categorize);
    const promoted = strict ? warnings.filter(isUnknownKey).map(asError) : [];
    const remaining = strict ? warnings.filter((issue) => !isUnknownKey(issue)) : warnings;
    return { name, valid: false, errors: [...errors, ...promoted], warnings: remaining, notes: [] };
  }
}

function isUnknownKey(issue: Issue): boolean {
  return issue.constraint === 'unknownKey';
}

function asError(issue: ReportedIssue): ReportedIssue {
  return { ...issue, severity: 'error' };
}
