import type { CompiledRule, FieldRules, RuleSwitches } from './compiled-rule.js';

/**
 * The compiled rules of one configuration class's fields, field by field in the order of `object.fields`,
 * kept flat: one array of rules and one of offsets per class. A schema of 10,000 keys otherwise keeps a
 * record and a rules array per field and a Map per class (~1.5 MiB) for what is read once per field and load.
 */
export class ObjectRules {
  /** Every field's rules, field after field. */
  readonly rules: readonly CompiledRule[];
  /** Where each field's rules end in {@link rules}; they start where the previous field's end. */
  readonly ends: readonly number[];
  /**
   * `@IsOptional`, `@IsDefined` and `@ValidateIf` by field index, for the fields that have any; undefined for
   * a class whose fields have none (most of them).
   */
  readonly switches: readonly (RuleSwitches | undefined)[] | undefined;

  /** Flattens the compiled rules of each field, in field order. */
  constructor(fields: readonly FieldRules[]) {
    // concat and map make arrays of exactly the right size; pushes would leave room to grow in each.
    this.rules = ([] as CompiledRule[]).concat(...fields.map((field) => field.rules));
    let end = 0;
    this.ends = fields.map((field) => (end += field.rules.length));
    this.switches = fields.some(switchesRules)
      ? fields.map((field) => (switchesRules(field) ? field : undefined))
      : undefined;
  }

  /** Where the rules of the field at `index` start in {@link rules}. */
  start(index: number): number {
    return index === 0 ? 0 : (this.ends[index - 1] ?? 0);
  }

  /** The rules of the field at `index`, as a new array (for tools and tests; validation walks {@link rules}). */
  rulesOf(index: number): readonly CompiledRule[] {
    return this.rules.slice(this.start(index), this.ends[index] ?? 0);
  }
}

function switchesRules(field: RuleSwitches): boolean {
  return field.optional || field.defined || field.conditions.length > 0;
}
