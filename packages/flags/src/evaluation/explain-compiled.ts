import type { FlagContext } from '../models/flag-context.js';
import type { ExplainedRule, FlagExplanation } from '../models/flag-explanation.js';
import type { CompiledFlag, CompiledRule } from '../rules/compiled-flag.js';
import { evaluateCompiled } from './evaluate-compiled.js';

/** What {@link explainCompiled} describes besides the compiled flag. */
export interface ExplainInput {
  readonly flag: CompiledFlag;
  readonly description: string;
  readonly rulesPath: string;
  readonly context: FlagContext | undefined;
  readonly now: () => number;
}

/** Every rule of a flag with its conditions and outcome, and for a context, which passed and which decided. */
export function explainCompiled(input: ExplainInput): FlagExplanation {
  const { flag, context } = input;
  const time = input.now();
  const evaluation = context === undefined ? undefined : evaluateCompiled(flag, context, () => time);
  const rules = flag.rules.map(
    (rule): ExplainedRule => ({
      name: rule.name,
      conditions: rule.conditions.map((condition) => ({
        attribute: condition.attribute,
        operator: condition.operator,
        operand: condition.operand,
        passed: context === undefined ? undefined : condition.test(context),
      })),
      from: instant(rule.from),
      until: instant(rule.until),
      inWindow: time >= rule.from && time < rule.until,
      serves: rule.result ? { value: rule.result.value, variant: rule.result.variant } : undefined,
      split: shares(rule),
      by: rule.result ? undefined : (rule.by ?? 'targetingKey'),
      decided: evaluation !== undefined && evaluation.reason !== 'ERROR' && evaluation.rule === rule.name,
    }),
  );
  return {
    flag: flag.key,
    description: input.description,
    rulesPath: input.rulesPath,
    type: flag.type,
    fallback: { value: flag.fallback.value, variant: flag.fallback.variant },
    rules,
    evaluation,
  };
}

function shares(rule: CompiledRule): ExplainedRule['split'] {
  let start = 0;
  return rule.buckets.map((bucket) => {
    const percent = bucket.end - start;
    start = bucket.end;
    return { variant: bucket.result.variant, value: bucket.result.value, percent };
  });
}

function instant(time: number): string | undefined {
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}
