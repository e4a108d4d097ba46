import { type Config, ConfigValidationError } from '@strata/core';
import { deepEqual } from '@strata/core/tooling';
import { HttpProblem } from '../respond/http-problem.js';
import { plainValue } from './plain-value.js';

/**
 * How the inspector's environment switcher reaches other environments: their names, and how to load one
 * (without watching; the handler closes it after use). Typically
 * `{ names: ['development', 'production'], load: (name) => loadConfig({ ...definition, environment: name, watch: false }) }`.
 */
export interface EnvironmentCatalog {
  readonly names: readonly string[] | (() => Promise<readonly string[]>);
  load(name: string): Promise<Config>;
}

/** One line of an environment comparison, as `strata diff` computes it: secrets by status only. */
export interface EnvironmentDifference {
  readonly path: string;
  readonly secret: boolean;
  readonly status: 'changed' | 'unchanged';
  /** The running environment's value; absent for secrets. */
  readonly running?: unknown;
  /** The other environment's value; absent for secrets. */
  readonly other?: unknown;
}

/** The environments the catalog offers, with the running one. */
export async function environmentNames(catalog: EnvironmentCatalog): Promise<readonly string[]> {
  return typeof catalog.names === 'function' ? catalog.names() : catalog.names;
}

/**
 * `GET /environments/{name}`: another environment's resolved values (redacted tree) and their differences to
 * the running configuration, computed as `strata diff` does — values that differ, and every secret as
 * `changed` / `unchanged` without its value. An environment that does not validate answers its problems.
 */
export async function environmentView(
  running: Config,
  catalog: EnvironmentCatalog,
  name: string,
): Promise<Record<string, unknown>> {
  const names = await environmentNames(catalog);
  if (!names.includes(name)) {
    throw new HttpProblem(
      404,
      'UNKNOWN_ENVIRONMENT',
      `No environment "${name}" (known: ${names.join(', ')})`,
    );
  }
  let other: Config;
  try {
    other = await catalog.load(name);
  } catch (error) {
    if (ConfigValidationError.is(error)) {
      return {
        environment: name,
        valid: false,
        problems: (error as ConfigValidationError).issues,
        differences: [],
      };
    }
    throw error;
  }
  try {
    const a = running.snapshot;
    const b = other.snapshot;
    const differences: EnvironmentDifference[] = [];
    for (const field of a.schema.fields) {
      const secret = a.isSecret(field.path) || b.isSecret(field.path);
      const left = a.value(field.path);
      const right = b.value(field.path);
      const same = deepEqual(left, right);
      if (secret) {
        differences.push({ path: field.path, secret, status: same ? 'unchanged' : 'changed' });
      } else if (!same) {
        differences.push({
          path: field.path,
          secret,
          status: 'changed',
          running: plainValue(left, false),
          other: plainValue(right, false),
        });
      }
    }
    return {
      environment: name,
      valid: true,
      tree: b.toJSON(),
      warnings: b.warnings,
      differences,
      problems: [],
    };
  } finally {
    await other.close();
  }
}
