import type { ValidationArguments, ValidatorConstraintInterface } from '@strata/core/rules';
import { type CompiledFlagResult, compileFlag } from '../rules/compile-flag.js';

/** The name the constraint reports under (an issue's `constraint`). */
export const FLAG_RULES_CONSTRAINT = 'flagRules';

// Validation asks twice for a failing tree (the check, then the message): compile once per tree object.
const results = new WeakMap<object, Map<unknown, CompiledFlagResult>>();

function compiled(args: ValidationArguments): CompiledFlagResult {
  const [flagKey] = args.constraints as [string];
  const flagValue = (args.object as Record<string, unknown>)[flagKey];
  const tree = args.value as unknown;
  const cacheable = typeof tree === 'object' && tree !== null;
  const cached = cacheable ? results.get(tree)?.get(flagValue) : undefined;
  if (cached) return cached;
  const result = compileFlag({ key: flagKey, value: flagValue, rules: tree });
  if (cacheable) {
    const byValue = results.get(tree) ?? new Map<unknown, CompiledFlagResult>();
    byValue.set(flagValue, result);
    results.set(tree, byValue);
  }
  return result;
}

/**
 * The class-validator constraint `@Flag` puts on a flag's rules key: the rule tree must compile against the
 * flag's value. It runs inside core's validation with every other rule, so a bad tree is one more issue of
 * the load's `ConfigValidationError` (with the key's origin), and a reload with one is rejected.
 */
export const flagRulesConstraint: ValidatorConstraintInterface = {
  validate(_value: unknown, args: ValidationArguments): boolean {
    return compiled(args).ok;
  },
  defaultMessage(args: ValidationArguments): string {
    const result = compiled(args);
    if (result.ok) return 'has valid rules';
    const [flagKey, secret] = args.constraints as [string, boolean];
    // A secret flag's problems would quote its split keys and variant names, which are its values' text.
    if (secret) {
      const count = result.problems.length;
      return `has invalid rules for the secret flag ${flagKey}: ${count} problem${count === 1 ? '' : 's'}, not shown because they quote the rules (check the rule tree at its origin)`;
    }
    return `has invalid rules for the flag ${flagKey}: ${result.problems.join('; ')}`;
  },
};
