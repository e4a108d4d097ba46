import type { FieldRules } from './compiled-rule.js';
import { ConstraintRule, type ValidationMetadata } from './constraint-rule.js';
import { RuleDescriptor } from './rule-descriptor.js';

type Condition = FieldRules['conditions'][number];

// Most fields have no @ValidateIf conditions, many no constraints: they share one frozen empty array each
// instead of keeping 10,000 empty ones for a 10,000-key schema.
const noRules: FieldRules['rules'] = Object.freeze([]);
const noConditions: readonly Condition[] = Object.freeze([]);

/** The rules of every property without class-validator decorators. */
const noFieldRules: FieldRules = Object.freeze({
  rules: noRules,
  optional: false,
  conditions: noConditions,
  defined: false,
});

/** The class-validator rules of one property, compiled once. */
export function compileRules(metas: readonly ValidationMetadata[]): FieldRules {
  if (metas.length === 0) return noFieldRules;
  let optional = false;
  let defined = false;
  for (const meta of metas) {
    if (meta.type === 'isDefined') defined = true;
    else if (meta.type === 'conditionalValidation' && meta.name === 'isOptional') optional = true;
  }
  // filter + map: `map` makes arrays of exactly the right size, where `push` leaves room for up to 17 items.
  const custom = metas.filter((m) => m.type === 'customValidation');
  const conditional = metas.filter((m) => m.type === 'conditionalValidation' && m.name !== 'isOptional');
  return {
    // A descriptor of `@strata/core/rules` is its own compiled rule; class-validator's metadata gets one.
    rules:
      custom.length === 0
        ? noRules
        : custom.map((meta) => (meta instanceof RuleDescriptor ? meta : new ConstraintRule(meta))),
    optional,
    conditions:
      conditional.length === 0 ? noConditions : conditional.map((meta) => meta.constraints?.[0] as Condition),
    defined,
  };
}
