import type { Operator } from '../rules/operators.js';
import type { FlagEvaluation } from './flag-evaluation.js';
import type { FlagValueType } from './flag-value.js';

/** One condition of a rule, and how it fared for the context (when one was given). */
export interface ExplainedCondition {
  readonly attribute: string;
  readonly operator: Operator;
  readonly operand: unknown;
  /** Whether the context passed it; undefined without a context. */
  readonly passed: boolean | undefined;
}

/** One share of a split. */
export interface ExplainedShare {
  readonly variant: string | undefined;
  readonly value: unknown;
  /** Whole percentage. */
  readonly percent: number;
}

/** One rule, in order, with what it serves and, for a context, whether it applied. */
export interface ExplainedRule {
  readonly name: string;
  readonly conditions: readonly ExplainedCondition[];
  /** ISO instants of the time window's ends, when it has them. */
  readonly from: string | undefined;
  readonly until: string | undefined;
  /** Whether the clock is inside the window now (true for a rule without one). */
  readonly inWindow: boolean;
  /** A value rule's value and variant; undefined for a split. */
  readonly serves: { readonly value: unknown; readonly variant: string | undefined } | undefined;
  /** A split's shares in order; empty for a value rule. */
  readonly split: readonly ExplainedShare[];
  /** The attribute a split buckets by (`targetingKey` when the flag key + targeting key are hashed). */
  readonly by: string | undefined;
  /** This rule decided the evaluation (only with a context). */
  readonly decided: boolean;
}

/** Why a flag has its value: `Flags.explain(key, context?)`, what `strata flags explain` prints. */
export interface FlagExplanation {
  readonly flag: string;
  readonly description: string;
  readonly rulesPath: string;
  readonly type: FlagValueType;
  /** The flag's own value (served when no rule applies) and its variant. */
  readonly fallback: { readonly value: unknown; readonly variant: string | undefined };
  readonly rules: readonly ExplainedRule[];
  /** The evaluation for the context; undefined when none was given. */
  readonly evaluation: FlagEvaluation | undefined;
}
