import type { ConstraintInfo, FieldSchema } from '@strata/core';

/** The rules of one field (or of each item of an array) that generators honour, read from its constraints. */
export interface FieldRules {
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
  /** A string format checked by a named validator (`isEmail`, `isUrl`, …). */
  format?: string;
  minItems?: number;
  maxItems?: number;
  /** Constraints no generator here understands: a value may break them, so `arbitraryConfig` refuses the field. */
  unknown: string[];
}

/** Formats with a fast-check generator of their own. */
export const FORMATS = new Set(['isEmail', 'isUrl', 'isIP', 'isFQDN', 'isUUID', 'isPort']);
/** Constraints that say only what the type already says. */
const TYPE_ONLY = new Set([
  'isInt',
  'isNumber',
  'isString',
  'isBoolean',
  'isDate',
  'isArray',
  'isEnum',
  'isIn',
  'isOptional',
  'isDefined',
  'nestedValidation',
  'isObject',
  'conditionalValidation',
  'whitelistValidation',
]);

/** Read the rules that apply to `field` itself (`each: false`), or to each of its items (`each: true`). */
export function fieldRules(field: FieldSchema, each: boolean): FieldRules {
  const rules: FieldRules = { unknown: [] };
  for (const constraint of field.constraints) {
    if (constraint.each !== each && !isArrayRule(constraint)) continue;
    if (each && isArrayRule(constraint)) continue;
    apply(rules, constraint);
  }
  return rules;
}

function isArrayRule(constraint: ConstraintInfo): boolean {
  return (
    constraint.name === 'arrayMinSize' ||
    constraint.name === 'arrayMaxSize' ||
    constraint.name === 'arrayNotEmpty'
  );
}

function apply(rules: FieldRules, { name, args }: ConstraintInfo): void {
  const n = typeof args[0] === 'number' ? args[0] : undefined;
  switch (name) {
    case 'min':
      rules.min = Math.max(rules.min ?? -Infinity, n ?? -Infinity);
      return;
    case 'max':
      rules.max = Math.min(rules.max ?? Infinity, n ?? Infinity);
      return;
    case 'isPositive':
      rules.min = Math.max(rules.min ?? -Infinity, Number.MIN_VALUE);
      return;
    case 'isNegative':
      rules.max = Math.min(rules.max ?? Infinity, -Number.MIN_VALUE);
      return;
    case 'minLength':
    case 'isNotEmpty':
      rules.minLength = Math.max(rules.minLength ?? 0, n ?? 1);
      return;
    case 'maxLength':
      rules.maxLength = Math.min(rules.maxLength ?? Infinity, n ?? Infinity);
      return;
    case 'isLength': {
      rules.minLength = Math.max(rules.minLength ?? 0, n ?? 0);
      const upper = typeof args[1] === 'number' ? args[1] : Infinity;
      rules.maxLength = Math.min(rules.maxLength ?? Infinity, upper);
      return;
    }
    case 'matches':
      rules.pattern =
        args[0] instanceof RegExp ? args[0] : new RegExp(String(args[0]), String(args[1] ?? ''));
      return;
    case 'arrayMinSize':
    case 'arrayNotEmpty':
      rules.minItems = Math.max(rules.minItems ?? 0, n ?? 1);
      return;
    case 'arrayMaxSize':
      rules.maxItems = Math.min(rules.maxItems ?? Infinity, n ?? Infinity);
      return;
    default:
      if (FORMATS.has(name)) rules.format = name;
      else if (!TYPE_ONLY.has(name)) rules.unknown.push(name);
  }
}
