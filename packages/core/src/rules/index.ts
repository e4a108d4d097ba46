/**
 * @strata/core/rules — class-validator's own decorators for configuration classes, without loading all
 * of class-validator.
 *
 * `import { IsInt, Min } from 'class-validator'` runs its index, which loads 135 of its files, 113 of
 * validator.js and 73 of libphonenumber-js: about 100 ms of a fresh process, more than the rest of a small
 * service's configuration start-up. A configuration class uses a handful of rules, and each of
 * class-validator's decorators lives in a CommonJS file of its own that needs about a dozen others. This
 * entry loads those files one by one, and only when a rule is first used, so
 *
 * ```ts
 * import { IsInt, Max, Min } from '@strata/core/rules';
 * ```
 *
 * costs nothing. The common rules (`IsInt`, `Min`, `Length`, `IsIn`, `IsOptional`, … — the `RuleKind`s of
 * `schema/rule-kinds.ts`) record a small descriptor in Strata's own metadata, and core checks them with
 * class-validator's own check functions (copied, or the same validator.js `lib/` file) and messages: a class of
 * such rules loads no class-validator file at all, and defining it is a push per decorator. Every other rule,
 * and a common rule whose options ask for what only class-validator serves (`groups`, `always`, `context`,
 * `validateIf`), hands its call to class-validator's own function of the same name, loaded from that
 * decorator's own file on first use: same arguments, options, metadata and messages. class-validator's
 * decorators register into its process-global storage, which core reads beside its descriptors, so a class
 * decorated from `'class-validator'` keeps working beside these, in the same schema or the same class;
 * importing the index anywhere in the process only brings back its start-up cost. The rules whose files would
 * pull validator.js's index or libphonenumber-js (`IsPhoneNumber`, `IsStrongPassword`) are left out, as are
 * rarely configured ones: import those from `'class-validator'`.
 *
 * `Type` is class-transformer's, loaded the same way from its own file, for nested configuration classes.
 *
 * The files are loaded with Node's `require` from `class-validator/cjs/` (the package has no `exports`
 * map and `@strata/core` pins its version exactly).
 */
import { createRequire } from 'node:module';
import '../reflect-metadata.js';
import type * as ClassTransformer from 'class-transformer';
import type { ValidationOptions } from 'class-validator';
import {
  type ClassValidatorExports,
  lazyClassValidatorExport as load,
} from '../schema/class-validator-parts.js';
import { noArgs } from '../schema/constraint-rule.js';
import { type RuleKindName, ruleKinds } from '../schema/rule-kinds.js';
import type { RuleShape } from './rule-decorator.js';
import { type PropertyRule, ruleDecorator } from './rule-decorator.js';

/** A class-validator rule Strata checks itself, with its arguments. */
function custom(name: RuleKindName, constraints: readonly unknown[]): RuleShape {
  return { kind: ruleKinds[name], constraints: sameAsLast(name, constraints) };
}

// The arguments of the last use of each rule. A configuration class repeats a rule with the same arguments
// from property to property (`@Length(1, 255)` on every string, `@Min(1)`): those uses share one frozen array
// instead of keeping one each. At most one array per rule is kept, so uses that never repeat cost nothing.
const lastArguments = new Map<RuleKindName, readonly unknown[]>();

/** `constraints`, or the last use's array when it holds the same values (`Object.is`, item by item). */
function sameAsLast(name: RuleKindName, constraints: readonly unknown[]): readonly unknown[] {
  if (constraints.length === 0) return constraints;
  const last = lastArguments.get(name);
  if (last?.length === constraints.length && last.every((value, i) => Object.is(value, constraints[i])))
    return last;
  const frozen = Object.freeze(constraints);
  lastArguments.set(name, frozen);
  return frozen;
}

export type {
  ValidationArguments,
  ValidationOptions,
  ValidatorConstraintInterface,
} from 'class-validator';

// Common

const loadIsOptional = load('decorator/common/IsOptional', 'IsOptional');
/** class-validator's `IsOptional`: for `undefined` or `null`, the property's other rules are skipped. */
export const IsOptional: ClassValidatorExports['IsOptional'] = (options?: ValidationOptions) =>
  ruleDecorator({ type: 'conditionalValidation', name: 'isOptional', constraints: noArgs }, options, () =>
    loadIsOptional(options),
  );
const loadIsDefined = load('decorator/common/IsDefined', 'IsDefined');
/** class-validator's `IsDefined`: the value is neither `undefined` nor `null`. */
export const IsDefined: ClassValidatorExports['IsDefined'] = (options?: ValidationOptions) =>
  ruleDecorator({ kind: ruleKinds.isDefined, constraints: noArgs }, options, () => loadIsDefined(options));
const loadValidateIf = load('decorator/common/ValidateIf', 'ValidateIf');
/** class-validator's `ValidateIf`: the other rules apply only when `condition(object, value)` is true. */
export const ValidateIf: ClassValidatorExports['ValidateIf'] = (
  condition: (object: object, value: unknown) => boolean,
  options?: ValidationOptions,
) =>
  ruleDecorator({ type: 'conditionalValidation', constraints: [condition] }, options, () =>
    loadValidateIf(condition, options),
  );
const loadValidateNested = load('decorator/common/ValidateNested', 'ValidateNested');
/** class-validator's `ValidateNested`: the object (or each of an array) is validated by its class's rules. */
export const ValidateNested: ClassValidatorExports['ValidateNested'] = (options?: ValidationOptions) =>
  ruleDecorator({ type: 'nestedValidation', constraints: noArgs }, options, () =>
    loadValidateNested(options),
  );
const loadAllow = load('decorator/common/Allow', 'Allow');
/** class-validator's `Allow`: marks a property without rules as allowed (for whitelisting). */
export const Allow: ClassValidatorExports['Allow'] = (options?: ValidationOptions) =>
  ruleDecorator({ type: 'whitelistValidation', constraints: noArgs }, options, () => loadAllow(options));
const loadEquals = load('decorator/common/Equals', 'Equals');
/** class-validator's `Equals`: the value `===` `comparison`. */
export const Equals: ClassValidatorExports['Equals'] = (comparison: unknown, options?: ValidationOptions) =>
  ruleDecorator(custom('equals', [comparison]), options, () => loadEquals(comparison, options));
const loadNotEquals = load('decorator/common/NotEquals', 'NotEquals');
/** class-validator's `NotEquals`: the value `!==` `comparison`. */
export const NotEquals: ClassValidatorExports['NotEquals'] = (
  comparison: unknown,
  options?: ValidationOptions,
) => ruleDecorator(custom('notEquals', [comparison]), options, () => loadNotEquals(comparison, options));
const loadIsEmpty = load('decorator/common/IsEmpty', 'IsEmpty');
/** class-validator's `IsEmpty`: the value is `''`, `null` or `undefined`. */
export const IsEmpty: ClassValidatorExports['IsEmpty'] = (options?: ValidationOptions) =>
  ruleDecorator(custom('isEmpty', noArgs), options, () => loadIsEmpty(options));
const loadIsNotEmpty = load('decorator/common/IsNotEmpty', 'IsNotEmpty');
/** class-validator's `IsNotEmpty`: the value is not `''`, `null` or `undefined`. */
export const IsNotEmpty: ClassValidatorExports['IsNotEmpty'] = (options?: ValidationOptions) =>
  ruleDecorator(custom('isNotEmpty', noArgs), options, () => loadIsNotEmpty(options));
const loadIsIn = load('decorator/common/IsIn', 'IsIn');
/** class-validator's `IsIn`: the value is one of `values` (Strata also lists them as the allowed values). */
export const IsIn: ClassValidatorExports['IsIn'] = (
  values: readonly unknown[],
  options?: ValidationOptions,
) => ruleDecorator(custom('isIn', [values]), options, () => loadIsIn(values, options));
export type { OneOfValues } from './one-of.js';

/**
 * `@IsIn(values)` that ties the property's declared type to the values: the value must be one of `values`
 * (`IsIn` above does the check, with class-validator's message and options, so the schema lists the
 * values as allowed), and the compiler refuses a property whose type is wider than their literal
 * union.
 *
 * ```ts
 * @OneOf(['debug', 'info', 'warn'] as const) level: 'debug' | 'info' | 'warn' = 'info';   // compiles
 * @OneOf(['debug', 'info', 'warn'] as const) level = 'info';                              // error: string
 * ```
 *
 * A decorator cannot change the type of the property it decorates, so the union is still written once on the
 * property (or as `OneOfValues<typeof LEVELS>` for a shared list); what `@OneOf` adds over `@IsIn` is that a
 * property typed `string`, or a list and a type that disagree, no longer compile.
 */
export function OneOf<const Values extends readonly (string | number | boolean)[]>(
  values: Values,
  options?: ValidationOptions,
): <Target extends object, Key extends string>(
  target: Target & { readonly [P in Key]?: Values[number] | null },
  key: Key,
) => void {
  const decorator = IsIn(values, options);
  return (target, key) => decorator(target, key);
}

const loadIsNotIn = load('decorator/common/IsNotIn', 'IsNotIn');
/** class-validator's `IsNotIn`: the value is none of `values`. */
export const IsNotIn: ClassValidatorExports['IsNotIn'] = (
  values: readonly unknown[],
  options?: ValidationOptions,
) => ruleDecorator(custom('isNotIn', [values]), options, () => loadIsNotIn(values, options));
/** class-validator's `Validate`: checks with a constraint class marked with {@link ValidatorConstraint}. */
export const Validate = load('decorator/common/Validate', 'Validate');
/** class-validator's `ValidatorConstraint`: marks a `ValidatorConstraintInterface` class as a constraint. */
export const ValidatorConstraint = load('decorator/common/Validate', 'ValidatorConstraint');
/** class-validator's `ValidateBy`: builds a property decorator from a name, constraints and a validator. */
export const ValidateBy = load('decorator/common/ValidateBy', 'ValidateBy');
/** class-validator's `buildMessage`: a default message for {@link ValidateBy} honouring `each`. */
export const buildMessage = load('decorator/common/ValidateBy', 'buildMessage');
/** class-validator's `registerDecorator`: registers a custom rule on a property (hand-written rules). */
export const registerDecorator = load('register-decorator', 'registerDecorator');

// Type checkers

const loadIsBoolean = load('decorator/typechecker/IsBoolean', 'IsBoolean');
/** class-validator's `IsBoolean`: the value is a boolean. */
export const IsBoolean: ClassValidatorExports['IsBoolean'] = (options?: ValidationOptions) =>
  ruleDecorator(custom('isBoolean', noArgs), options, () => loadIsBoolean(options));
/** class-validator's `IsDate`: the value is a valid `Date`. */
export const IsDate = load('decorator/typechecker/IsDate', 'IsDate');
const loadIsString = load('decorator/typechecker/IsString', 'IsString');
/** class-validator's `IsString`: the value is a string. */
export const IsString: ClassValidatorExports['IsString'] = (options?: ValidationOptions) =>
  ruleDecorator(custom('isString', noArgs), options, () => loadIsString(options));
/** class-validator's `IsNumber`: the value is a number (options for `NaN`, infinity, decimal places). */
export const IsNumber = load('decorator/typechecker/IsNumber', 'IsNumber');
const loadIsInt = load('decorator/typechecker/IsInt', 'IsInt');
/** class-validator's `IsInt`: the value is an integer. */
export const IsInt: ClassValidatorExports['IsInt'] = (options?: ValidationOptions) =>
  ruleDecorator(custom('isInt', noArgs), options, () => loadIsInt(options));
const loadIsArray = load('decorator/typechecker/IsArray', 'IsArray');
/** class-validator's `IsArray`: the value is an array. */
export const IsArray: ClassValidatorExports['IsArray'] = (options?: ValidationOptions) =>
  ruleDecorator(custom('isArray', noArgs), options, () => loadIsArray(options));
/** class-validator's `IsEnum`: the value is a member of the given enum object. */
export const IsEnum = load('decorator/typechecker/IsEnum', 'IsEnum');
const loadIsObject = load('decorator/typechecker/IsObject', 'IsObject');
/** class-validator's `IsObject`: the value is a non-null object (not an array). */
export const IsObject: ClassValidatorExports['IsObject'] = (options?: ValidationOptions) =>
  ruleDecorator(custom('isObject', noArgs), options, () => loadIsObject(options));

// Numbers

const loadMin = load('decorator/number/Min', 'Min');
/** class-validator's `Min`: the value is a number not less than `minValue`. */
export const Min: ClassValidatorExports['Min'] = (minValue: number, options?: ValidationOptions) =>
  ruleDecorator(custom('min', [minValue]), options, () => loadMin(minValue, options));
const loadMax = load('decorator/number/Max', 'Max');
/** class-validator's `Max`: the value is a number not greater than `maxValue`. */
export const Max: ClassValidatorExports['Max'] = (maxValue: number, options?: ValidationOptions) =>
  ruleDecorator(custom('max', [maxValue]), options, () => loadMax(maxValue, options));
const loadIsPositive = load('decorator/number/IsPositive', 'IsPositive');
/** class-validator's `IsPositive`: the value is a number greater than zero. */
export const IsPositive: ClassValidatorExports['IsPositive'] = (options?: ValidationOptions) =>
  ruleDecorator(custom('isPositive', noArgs), options, () => loadIsPositive(options));
const loadIsNegative = load('decorator/number/IsNegative', 'IsNegative');
/** class-validator's `IsNegative`: the value is a number less than zero. */
export const IsNegative: ClassValidatorExports['IsNegative'] = (options?: ValidationOptions) =>
  ruleDecorator(custom('isNegative', noArgs), options, () => loadIsNegative(options));
/** class-validator's `IsDivisibleBy`: the value is a number divisible by `num`. */
export const IsDivisibleBy = load('decorator/number/IsDivisibleBy', 'IsDivisibleBy');

// Strings (each loads its own check from validator.js's `lib/`, never validator.js's index)

const loadLength = load('decorator/string/Length', 'Length');
/** class-validator's `Length`: the string's length is between `min` and `max`. */
export const Length: ClassValidatorExports['Length'] = (
  min: number,
  max?: number,
  options?: ValidationOptions,
) => ruleDecorator(custom('isLength', [min, max]), options, () => loadLength(min, max, options));
const loadMinLength = load('decorator/string/MinLength', 'MinLength');
/** class-validator's `MinLength`: the string's length is at least `min`. */
export const MinLength: ClassValidatorExports['MinLength'] = (min: number, options?: ValidationOptions) =>
  ruleDecorator(custom('minLength', [min]), options, () => loadMinLength(min, options));
const loadMaxLength = load('decorator/string/MaxLength', 'MaxLength');
/** class-validator's `MaxLength`: the string's length is at most `max`. */
export const MaxLength: ClassValidatorExports['MaxLength'] = (max: number, options?: ValidationOptions) =>
  ruleDecorator(custom('maxLength', [max]), options, () => loadMaxLength(max, options));
const loadMatches = load('decorator/string/Matches', 'Matches');
/** class-validator's `Matches`: the string matches `pattern`. */
export const Matches: ClassValidatorExports['Matches'] = (
  pattern: RegExp | string,
  modifiersOrOptions?: string | ValidationOptions,
  validationOptions?: ValidationOptions,
) => {
  // class-validator's own argument juggling: (pattern, options) or (pattern, modifiers, options).
  let modifiers: string | undefined;
  let options = validationOptions;
  if (modifiersOrOptions && modifiersOrOptions instanceof Object && !validationOptions)
    options = modifiersOrOptions as ValidationOptions;
  else modifiers = modifiersOrOptions as string | undefined;
  return ruleDecorator(custom('matches', [pattern, modifiers]), options, () =>
    (loadMatches as (...args: unknown[]) => PropertyRule)(pattern, modifiersOrOptions, validationOptions),
  );
};
/** class-validator's `IsUrl`: the string is a URL (validator.js `isURL` options: protocols, TLD, …). */
export const IsUrl = load('decorator/string/IsUrl', 'IsUrl');
/** class-validator's `IsEmail`: the string is an e-mail address (validator.js `isEmail` options). */
export const IsEmail = load('decorator/string/IsEmail', 'IsEmail');
/** class-validator's `IsPort`: the *string* is a port, `'0'` to `'65535'` (a number: `IsInt`, `Min`, `Max`). */
export const IsPort = load('decorator/string/IsPort', 'IsPort');
/** class-validator's `IsIP`: the string is an IP address (version 4, 6 or either). */
export const IsIP = load('decorator/string/IsIP', 'IsIP');
/** class-validator's `IsFQDN`: the string is a fully qualified domain name. */
export const IsFQDN = load('decorator/string/IsFQDN', 'IsFQDN');
/** class-validator's `IsUUID`: the string is a UUID (of the given version, or any). */
export const IsUUID = load('decorator/string/IsUUID', 'IsUUID');
const loadContains = load('decorator/string/Contains', 'Contains');
/** class-validator's `Contains`: the string contains `seed`. */
export const Contains: ClassValidatorExports['Contains'] = (seed: string, options?: ValidationOptions) =>
  ruleDecorator(custom('contains', [seed]), options, () => loadContains(seed, options));
/** class-validator's `IsNumberString`: the string is numeric. */
export const IsNumberString = load('decorator/string/IsNumberString', 'IsNumberString');
/** class-validator's `IsBooleanString`: the string is `'true'`, `'false'`, `'1'` or `'0'`. */
export const IsBooleanString = load('decorator/string/IsBooleanString', 'IsBooleanString');
/** class-validator's `IsHexadecimal`: the string is a hexadecimal number. */
export const IsHexadecimal = load('decorator/string/IsHexadecimal', 'IsHexadecimal');

// Arrays

const loadArrayMinSize = load('decorator/array/ArrayMinSize', 'ArrayMinSize');
/** class-validator's `ArrayMinSize`: the array has at least `min` items. */
export const ArrayMinSize: ClassValidatorExports['ArrayMinSize'] = (
  min: number,
  options?: ValidationOptions,
) => ruleDecorator(custom('arrayMinSize', [min]), options, () => loadArrayMinSize(min, options));
const loadArrayMaxSize = load('decorator/array/ArrayMaxSize', 'ArrayMaxSize');
/** class-validator's `ArrayMaxSize`: the array has at most `max` items. */
export const ArrayMaxSize: ClassValidatorExports['ArrayMaxSize'] = (
  max: number,
  options?: ValidationOptions,
) => ruleDecorator(custom('arrayMaxSize', [max]), options, () => loadArrayMaxSize(max, options));
const loadArrayNotEmpty = load('decorator/array/ArrayNotEmpty', 'ArrayNotEmpty');
/** class-validator's `ArrayNotEmpty`: the array has at least one item. */
export const ArrayNotEmpty: ClassValidatorExports['ArrayNotEmpty'] = (options?: ValidationOptions) =>
  ruleDecorator(custom('arrayNotEmpty', noArgs), options, () => loadArrayNotEmpty(options));
/** class-validator's `ArrayUnique`: the array's items are distinct (optionally by a selector). */
export const ArrayUnique = load('decorator/array/ArrayUnique', 'ArrayUnique');

// Nested classes

const require = createRequire(import.meta.url);
let typeDecorator: (typeof ClassTransformer)['Type'] | undefined;

/**
 * class-transformer's `Type`: the class of a nested object (or of an array's items), for a property typed
 * as a class or an array of one. Calls the `Type` of `class-transformer/cjs/decorators/type.decorator.js`,
 * loaded on first use: the same function and the same metadata storage as `import { Type } from
 * 'class-transformer'`, and no class-transformer file loaded for a schema that never nests a class.
 */
export const Type: (typeof ClassTransformer)['Type'] = (typeFunction, options) => {
  typeDecorator ??= (
    require('class-transformer/cjs/decorators/type.decorator.js') as Pick<typeof ClassTransformer, 'Type'>
  ).Type;
  return typeDecorator(typeFunction, options);
};
