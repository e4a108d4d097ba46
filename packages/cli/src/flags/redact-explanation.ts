import { REDACTED } from '@strata/core';
import type { FlagEvaluation, FlagExplanation } from '@strata/flags';

/**
 * A flag explanation with every value, variant and operand of a secret flag (or secret rules) replaced by
 * `[redacted]`: a variant's name is the value's text for scalars, and an operand may be an e-mail list.
 */
export function redactExplanation(explanation: FlagExplanation): FlagExplanation {
  const hide = (value: unknown): unknown => (value === undefined ? value : REDACTED);
  const hideName = (name: string | undefined): string | undefined => (name === undefined ? name : REDACTED);
  const evaluation: FlagEvaluation | undefined = explanation.evaluation && {
    ...explanation.evaluation,
    value: REDACTED,
    variant: hideName(explanation.evaluation.variant),
  };
  return {
    ...explanation,
    fallback: { value: hide(explanation.fallback.value), variant: hideName(explanation.fallback.variant) },
    rules: explanation.rules.map((rule) => ({
      ...rule,
      conditions: rule.conditions.map((condition) => ({ ...condition, operand: hide(condition.operand) })),
      serves: rule.serves && { value: hide(rule.serves.value), variant: hideName(rule.serves.variant) },
      split: rule.split.map((share) => ({
        ...share,
        value: hide(share.value),
        variant: hideName(share.variant),
      })),
    })),
    evaluation,
  };
}
