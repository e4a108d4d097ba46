import type { FlagContext } from '../models/flag-context.js';
import type { FlagEvaluation } from '../models/flag-evaluation.js';
import type { CompiledFlag, CompiledRule } from '../rules/compiled-flag.js';
import { fractionalBucket } from '../rules/fractional-bucket.js';

const noContext: FlagContext = Object.freeze({});

/**
 * Evaluate a compiled flag: the first rule whose time window and conditions hold decides (its value, or
 * its split's bucket); none → the flag's own value. Allocates nothing but an error result: every other
 * result was built and frozen when the rules were compiled.
 */
export function evaluateCompiled(
  flag: CompiledFlag,
  context: FlagContext | undefined,
  now: () => number,
): FlagEvaluation {
  const rules = flag.rules;
  if (rules.length === 0) return flag.fallback;
  const ctx = context ?? noContext;
  const time = flag.timed ? now() : 0;
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r]!;
    if (flag.timed && (time < rule.from || time >= rule.until)) continue;
    if (!passes(rule, ctx)) continue;
    if (rule.result) return rule.result;
    const bucketBy = bucketingValue(flag, rule, ctx);
    if (bucketBy === undefined) return missingKey(flag, rule);
    const bucket = fractionalBucket(bucketBy);
    const buckets = rule.buckets;
    for (let b = 0; b < buckets.length; b++) {
      if (bucket < buckets[b]!.end) return buckets[b]!.result;
    }
    // flagd returns no variant for bucket 100 (one hash in 2^32): the flag's own value then, as there.
    return flag.fallback;
  }
  return flag.fallback;
}

function passes(rule: CompiledRule, context: FlagContext): boolean {
  const tests = rule.tests;
  for (let t = 0; t < tests.length; t++) if (!tests[t]!(context)) return false;
  return true;
}

/** flagd's bucketing value: the named attribute's value, else the flag's key followed by the targeting key. */
function bucketingValue(flag: CompiledFlag, rule: CompiledRule, context: FlagContext): string | undefined {
  if (rule.by === undefined) {
    const key = context.targetingKey;
    return typeof key === 'string' && key !== '' ? flag.key + key : undefined;
  }
  const value = Object.hasOwn(context, rule.by) ? context[rule.by] : undefined;
  if (typeof value === 'string') return value === '' ? undefined : value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

function missingKey(flag: CompiledFlag, rule: CompiledRule): FlagEvaluation {
  const attribute = rule.by ?? 'targetingKey';
  return {
    ...flag.fallback,
    reason: 'ERROR',
    rule: rule.name,
    errorCode: 'TARGETING_KEY_MISSING',
    errorMessage: `${flag.key}: the split of rule "${rule.name}" buckets by ${attribute}, and the context has none`,
  };
}
