import type { ValidationArguments } from 'class-validator';
import type { RuleKind } from './rule-metadata.js';
import { validatorLib } from './validator-lib.js';

// class-validator's common rules, checked by Strata itself. Each check is class-validator's own standalone
// function (0.15.1) copied line for line, or calls the same validator.js file class-validator calls; each
// message is its default message, token for token. packages/core/test/rule-descriptors.test.ts holds both to
// class-validator's on generated values, so a difference fails there rather than in a user's error message.

type Check = RuleKind['check'];

const isLength =
  validatorLib<(value: string, options: { min?: number | undefined; max?: number | undefined }) => boolean>(
    'isLength',
  );
const matches =
  validatorLib<(value: string, pattern: RegExp | string, modifiers?: string) => boolean>('matches');
const contains = validatorLib<(value: string, seed: string) => boolean>('contains');

function kind(name: string, check: Check, message: string): RuleKind {
  return { type: 'customValidation', name, check, message: (eachPrefix) => eachPrefix + message };
}

const isInt: Check = (value) => typeof value === 'number' && Number.isInteger(value);
const isString: Check = (value) => value instanceof String || typeof value === 'string';
const isBoolean: Check = (value) => value instanceof Boolean || typeof value === 'boolean';

function min(this: { readonly constraints: readonly unknown[] }, value: unknown): boolean {
  const bound = this.constraints[0];
  return typeof value === 'number' && typeof bound === 'number' && value >= bound;
}

function max(this: { readonly constraints: readonly unknown[] }, value: unknown): boolean {
  const bound = this.constraints[0];
  return typeof value === 'number' && typeof bound === 'number' && value <= bound;
}

function isIn(this: { readonly constraints: readonly unknown[] }, value: unknown): boolean {
  const values = this.constraints[0];
  return Array.isArray(values) && values.some((possible) => possible === value);
}

function isNotIn(this: { readonly constraints: readonly unknown[] }, value: unknown): boolean {
  const values = this.constraints[0];
  return !Array.isArray(values) || !values.some((possible) => possible === value);
}

function length(this: { readonly constraints: readonly unknown[] }, value: unknown): boolean {
  return (
    typeof value === 'string' &&
    isLength()(value, {
      min: this.constraints[0] as number | undefined,
      max: this.constraints[1] as number | undefined,
    })
  );
}

function minLength(this: { readonly constraints: readonly unknown[] }, value: unknown): boolean {
  return typeof value === 'string' && isLength()(value, { min: this.constraints[0] as number });
}

function maxLength(this: { readonly constraints: readonly unknown[] }, value: unknown): boolean {
  return typeof value === 'string' && isLength()(value, { min: 0, max: this.constraints[0] as number });
}

function matchesCheck(this: { readonly constraints: readonly unknown[] }, value: unknown): boolean {
  return (
    typeof value === 'string' &&
    matches()(value, this.constraints[0] as RegExp | string, this.constraints[1] as string | undefined)
  );
}

function containsCheck(this: { readonly constraints: readonly unknown[] }, value: unknown): boolean {
  return typeof value === 'string' && contains()(value, this.constraints[0] as string);
}

function equals(this: { readonly constraints: readonly unknown[] }, value: unknown): boolean {
  return value === this.constraints[0];
}

function notEquals(this: { readonly constraints: readonly unknown[] }, value: unknown): boolean {
  return value !== this.constraints[0];
}

function arrayMinSize(this: { readonly constraints: readonly unknown[] }, value: unknown): boolean {
  return Array.isArray(value) && value.length >= (this.constraints[0] as number);
}

function arrayMaxSize(this: { readonly constraints: readonly unknown[] }, value: unknown): boolean {
  return Array.isArray(value) && value.length <= (this.constraints[0] as number);
}

/** class-validator's `Length` message, which depends on which bound the value broke. */
function lengthMessage(eachPrefix: string, args: ValidationArguments): string {
  const isMinLength = args.constraints[0] !== null && args.constraints[0] !== undefined;
  const isMaxLength = args.constraints[1] !== null && args.constraints[1] !== undefined;
  const value = args.value as { length: number } | undefined;
  if (isMinLength && (!value || value.length < (args.constraints[0] as number)))
    return `${eachPrefix}$property must be longer than or equal to $constraint1 characters`;
  if (isMaxLength && (value as { length: number }).length > (args.constraints[1] as number))
    return `${eachPrefix}$property must be shorter than or equal to $constraint2 characters`;
  return `${eachPrefix}$property must be longer than or equal to $constraint1 and shorter than or equal to $constraint2 characters`;
}

/** The rules Strata checks without class-validator, by class-validator's rule name. */
export const ruleKinds = {
  isDefined: {
    ...kind(
      'isDefined',
      (value) => value !== undefined && value !== null,
      '$property should not be null or undefined',
    ),
    type: 'isDefined',
  },
  equals: kind('equals', equals, '$property must be equal to $constraint1'),
  notEquals: kind('notEquals', notEquals, '$property should not be equal to $constraint1'),
  isEmpty: kind(
    'isEmpty',
    (value) => value === '' || value === null || value === undefined,
    '$property must be empty',
  ),
  isNotEmpty: kind(
    'isNotEmpty',
    (value) => value !== '' && value !== null && value !== undefined,
    '$property should not be empty',
  ),
  isIn: kind('isIn', isIn, '$property must be one of the following values: $constraint1'),
  isNotIn: kind('isNotIn', isNotIn, '$property should not be one of the following values: $constraint1'),
  isBoolean: kind('isBoolean', isBoolean, '$property must be a boolean value'),
  isString: kind('isString', isString, '$property must be a string'),
  isInt: kind('isInt', isInt, '$property must be an integer number'),
  isArray: kind('isArray', (value) => Array.isArray(value), '$property must be an array'),
  isObject: kind(
    'isObject',
    (value) =>
      value != null && (typeof value === 'object' || typeof value === 'function') && !Array.isArray(value),
    '$property must be an object',
  ),
  min: kind('min', min, '$property must not be less than $constraint1'),
  max: kind('max', max, '$property must not be greater than $constraint1'),
  isPositive: kind(
    'isPositive',
    (value) => typeof value === 'number' && value > 0,
    '$property must be a positive number',
  ),
  isNegative: kind(
    'isNegative',
    (value) => typeof value === 'number' && value < 0,
    '$property must be a negative number',
  ),
  isLength: { type: 'customValidation', name: 'isLength', check: length, message: lengthMessage },
  minLength: kind(
    'minLength',
    minLength,
    '$property must be longer than or equal to $constraint1 characters',
  ),
  maxLength: kind(
    'maxLength',
    maxLength,
    '$property must be shorter than or equal to $constraint1 characters',
  ),
  matches: kind('matches', matchesCheck, '$property must match $constraint1 regular expression'),
  contains: kind('contains', containsCheck, '$property must contain a $constraint1 string'),
  arrayMinSize: kind('arrayMinSize', arrayMinSize, '$property must contain at least $constraint1 elements'),
  arrayMaxSize: kind(
    'arrayMaxSize',
    arrayMaxSize,
    '$property must contain no more than $constraint1 elements',
  ),
  arrayNotEmpty: kind(
    'arrayNotEmpty',
    (value) => Array.isArray(value) && value.length > 0,
    '$property should not be empty',
  ),
} as const satisfies Record<string, RuleKind>;

/** A rule name Strata checks by itself. */
export type RuleKindName = keyof typeof ruleKinds;

/** Strata's own check and message for a class-validator rule name, if it has them. */
export function ruleKindOf(name: string | undefined): RuleKind | undefined {
  return name !== undefined && Object.hasOwn(ruleKinds, name) ? ruleKinds[name as RuleKindName] : undefined;
}
