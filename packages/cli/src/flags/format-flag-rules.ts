import type { ExplainedRule, FlagExplanation } from '@strata/flags';
import { displayValue } from '../output/display-value.js';

/**
 * The rules of a flag, one line each, as `strata explain` and `strata flags explain` print them:
 * `1. staff: email regex "@example\.com$", plan in ["pro"] → true`. With `secret`, operands and values print
 * as `[redacted]`.
 */
export function formatFlagRules(explanation: FlagExplanation, secret: boolean, indent: string): string[] {
  const width = String(explanation.rules.length).length;
  return explanation.rules.map((rule, i) => {
    const mark = explanation.evaluation === undefined ? '' : rule.decided ? '✓ ' : '- ';
    return `${indent}${mark}${String(i + 1).padStart(width)}. ${formatRule(rule, secret)}`;
  });
}

function formatRule(rule: ExplainedRule, secret: boolean): string {
  const parts: string[] = [];
  if (rule.from !== undefined || rule.until !== undefined) {
    const window = `from ${rule.from ?? 'always'} until ${rule.until ?? 'ever'}`;
    parts.push(rule.inWindow ? window : `${window} (not now)`);
  }
  for (const condition of rule.conditions) {
    const verdict = condition.passed === undefined ? '' : condition.passed ? ' ✓' : ' ✗';
    parts.push(
      `${condition.attribute} ${condition.operator} ${displayValue(condition.operand, secret)}${verdict}`,
    );
  }
  const when = parts.length === 0 ? 'always' : parts.join(', ');
  const serves = rule.serves
    ? displayValue(rule.serves.value, secret)
    : `split by ${rule.by}: ${rule.split
        .map(
          (share) =>
            `${share.percent}% ${secret ? '[redacted]' : (share.variant ?? displayValue(share.value))}`,
        )
        .join(', ')}`;
  return `${rule.name}: ${when} → ${serves}`;
}
