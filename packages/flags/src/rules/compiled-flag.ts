import type { FlagContext } from '../models/flag-context.js';
import type { FlagEvaluation } from '../models/flag-evaluation.js';
import type { FlagValueType } from '../models/flag-value.js';
import type { Operator } from './operators.js';

/** One condition of a rule, bound to its operand: true when the context's attribute passes. */
export type CompiledTest = (context: FlagContext) => boolean;

/** A condition with what it was compiled from, for explanations. */
export interface CompiledCondition {
  readonly attribute: string;
  readonly operator: Operator;
  readonly operand: unknown;
  readonly test: CompiledTest;
}

/** One bucket range of a split: the variant for buckets below `end` (cumulative percentage). */
export interface CompiledBucket {
  readonly end: number;
  /** The frozen result this bucket gives. */
  readonly result: FlagEvaluation;
}

/** A rule, compiled: its tests, its time window (epoch ms) and what it serves. */
export interface CompiledRule {
  readonly name: string;
  /** The conditions' tests, in order (the evaluation loop's array). */
  readonly tests: readonly CompiledTest[];
  /** The same conditions with their attribute, operator and operand. */
  readonly conditions: readonly CompiledCondition[];
  readonly from: number;
  readonly until: number;
  /** The frozen result of a value or variant rule; undefined for a split. */
  readonly result: FlagEvaluation | undefined;
  /** A split's ranges in order; empty for a value rule. */
  readonly buckets: readonly CompiledBucket[];
  /** The attribute a split buckets by; undefined: the flag's key followed by `targetingKey`. */
  readonly by: string | undefined;
}

/** A flag with its rules compiled for one snapshot generation. */
export interface CompiledFlag {
  readonly key: string;
  readonly type: FlagValueType;
  readonly rules: readonly CompiledRule[];
  /** The result when no rule applies: `STATIC` without rules, `DEFAULT` with. */
  readonly fallback: FlagEvaluation;
  /** Some rule has a time window: evaluation reads the clock. */
  readonly timed: boolean;
}
