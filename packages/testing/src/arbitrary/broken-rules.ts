import type { FieldSchema } from '@strata/core';
import type { FieldRules } from './field-rules.js';

/**
 * The rules of `field` that `value` breaks, among those the generators understand; `arbitraryInvalid` keeps a
 * candidate only when this names exactly the rule it means to break.
 */
export function brokenRules(field: FieldSchema, rules: FieldRules, value: unknown): string[] {
  const names = new Set(field.constraints.map((c) => c.name));
  const broken: string[] = [];
  if (typeof value === 'number') {
    if (rules.min !== undefined && value < rules.min) broken.push(names.has('min') ? 'min' : 'isPositive');
    if (rules.max !== undefined && value > rules.max) broken.push(names.has('max') ? 'max' : 'isNegative');
    if (field.type === 'integer' && !Number.isInteger(value)) broken.push('isInt');
  }
  if (typeof value === 'string') {
    const lengthRule = (rule: string): string => (names.has('isLength') ? 'isLength' : rule);
    if (rules.minLength !== undefined && value.length < rules.minLength) {
      broken.push(
        names.has('isNotEmpty') && value.length === 0 && rules.minLength === 1
          ? 'isNotEmpty'
          : lengthRule('minLength'),
      );
    }
    if (rules.maxLength !== undefined && value.length > rules.maxLength) broken.push(lengthRule('maxLength'));
    if (rules.pattern) {
      rules.pattern.lastIndex = 0;
      if (!rules.pattern.test(value)) broken.push('matches');
    }
    if (rules.format) broken.push(rules.format);
  }
  if (
    field.enumValues &&
    (typeof value === 'string' || typeof value === 'number') &&
    !field.enumValues.includes(value)
  ) {
    broken.push(names.has('isEnum') ? 'isEnum' : 'isIn');
  }
  return broken;
}
