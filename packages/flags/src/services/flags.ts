import { type Config, type Snapshot, StrataError } from '@strata/core';
import { evaluateCompiled } from '../evaluation/evaluate-compiled.js';
import { explainCompiled } from '../evaluation/explain-compiled.js';
import type { FlagExplanation } from '../models/flag-explanation.js';
import type { FlagContext } from '../models/flag-context.js';
import type { FlagEvaluation } from '../models/flag-evaluation.js';
import type { FlagInfo } from '../models/flag-info.js';
import { type FlagValue, type FlagValueType, flagValueTypeOf } from '../models/flag-value.js';
import { compileFlag } from '../rules/compile-flag.js';
import type { CompiledFlag } from '../rules/compiled-flag.js';
import { type FlagLocation, findFlags } from './find-flags.js';

/** Options of {@link createFlags}. */
export interface FlagsOptions {
  /**
   * The clock time windows are checked against, in epoch milliseconds.
   * @default Date.now
   */
  readonly now?: () => number;
}

/** A configuration or one snapshot of it: what flags are evaluated against. */
export type FlagSnapshotSource = Pick<Config, 'snapshot' | 'generation' | 'schema'> | Snapshot;

/**
 * The flags of a configuration. Each snapshot generation's rules are compiled once, on the first evaluation
 * after a reload; evaluating is then a few map lookups and tests.
 */
export class Flags {
  readonly #source: FlagSnapshotSource;
  readonly #now: () => number;
  readonly #locations: readonly FlagLocation[];
  #generation = -1;
  #compiled = new Map<string, CompiledFlag>();

  /** Use {@link createFlags}. */
  constructor(source: FlagSnapshotSource, options: FlagsOptions = {}) {
    this.#source = source;
    this.#now = options.now ?? Date.now;
    this.#locations = Object.freeze(findFlags(source.schema));
    for (const location of this.#locations) {
      if (source.schema.field(location.key)?.secret && !source.schema.field(location.rulesPath)?.secret) {
        throw new StrataError(
          'DEFINITION_INVALID',
          `${location.key} is @Secret but its rules (${location.rulesPath}) are not, so they would print in plain text: use @Flag({ description, secret: true }) instead of @Secret()`,
        );
      }
    }
  }

  /** Every declared flag. */
  list(): FlagInfo[] {
    const compiled = this.#current();
    return this.#locations.map((location) => ({
      key: location.key,
      rulesPath: location.rulesPath,
      description: location.description,
      type: compiled.get(location.key)?.type,
    }));
  }

  /** True when a `@Flag` field has this path. */
  has(key: string): boolean {
    return this.#current().has(key);
  }

  /** The kind of a flag's value in the current snapshot; undefined for a key that is not a flag. */
  typeOf(key: string): FlagValueType | undefined {
    return this.#current().get(key)?.type;
  }

  /**
   * The flag's value for a context, with its variant, the reason and the rule that decided. An unknown key
   * gives reason `ERROR` with `FLAG_NOT_FOUND` and an undefined value (never a throw: a flag check must not
   * take a request down).
   */
  evaluate<T extends FlagValue = FlagValue>(key: string, context?: FlagContext): FlagEvaluation<T> {
    const flag = this.#current().get(key);
    if (!flag) return notFound(key) as FlagEvaluation<T>;
    return evaluateCompiled(flag, context, this.#now) as FlagEvaluation<T>;
  }

  /**
   * Why a flag has its value: every rule with its conditions and what it serves, and for a context, which
   * conditions passed and which rule decided. Undefined for a key that is not a flag.
   */
  explain(key: string, context?: FlagContext): FlagExplanation | undefined {
    const flag = this.#current().get(key);
    const location = this.#locations.find((candidate) => candidate.key === key);
    if (!flag || !location) return undefined;
    return explainCompiled({
      flag,
      description: location.description,
      rulesPath: location.rulesPath,
      context,
      now: this.#now,
    });
  }

  /** The compiled flags of the current generation (recompiled when the generation moved on). */
  #current(): Map<string, CompiledFlag> {
    const generation = this.#source.generation;
    if (generation !== this.#generation) {
      this.#compiled = compileAll(this.#locations, snapshotOf(this.#source), this.#source.schema);
      this.#generation = generation;
    }
    return this.#compiled;
  }
}

/** The flags of a configuration (or of one snapshot: a `derive()`d overlay, a test's). */
export function createFlags(source: FlagSnapshotSource, options?: FlagsOptions): Flags {
  return new Flags(source, options);
}

function snapshotOf(source: FlagSnapshotSource): Snapshot {
  return 'snapshot' in source ? source.snapshot : source;
}

function compileAll(
  locations: readonly FlagLocation[],
  snapshot: Snapshot,
  schema: FlagSnapshotSource['schema'],
): Map<string, CompiledFlag> {
  const compiled = new Map<string, CompiledFlag>();
  for (const location of locations) {
    const result = compileFlag({
      key: location.key,
      value: snapshot.value(location.key),
      rules: snapshot.value(location.rulesPath),
      secret: schema.field(location.key)?.secret === true,
    });
    // Validation compiled the same tree with the same code before the snapshot was accepted; only a snapshot
    // loaded without validation (the CLI's explain) gets here with a bad tree. Its flag answers with an error.
    if (!result.ok) {
      compiled.set(location.key, unparsable(location, snapshot.value(location.key), result.problems));
      continue;
    }
    compiled.set(location.key, result.flag);
  }
  return compiled;
}

function unparsable(location: FlagLocation, value: unknown, problems: readonly string[]): CompiledFlag {
  const fallback: FlagEvaluation = Object.freeze({
    flag: location.key,
    value: value as FlagValue,
    variant: undefined,
    reason: 'ERROR',
    rule: undefined,
    errorCode: 'PARSE_ERROR',
    errorMessage: `${location.rulesPath}: ${problems.join('; ')}`,
  });
  return Object.freeze({
    key: location.key,
    type: flagValueTypeOf(value) ?? 'object',
    rules: [],
    fallback,
    timed: false,
  });
}

function notFound(key: string): FlagEvaluation {
  return {
    flag: key,
    value: undefined as unknown as FlagValue,
    variant: undefined,
    reason: 'ERROR',
    rule: undefined,
    errorCode: 'FLAG_NOT_FOUND',
    errorMessage: `${key} is not a flag (no @Flag field has this path)`,
  };
}
