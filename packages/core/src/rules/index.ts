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
 * costs nothing until `@Min(1)` runs, and then loads `Min`'s own file. Each export hands its call to
 * class-validator's own function of the same name, not a reimplementation: same arguments, same options
 * (`each`, `message`, `groups`), same metadata, same messages. Every decorator file registers into the same
 * process-global metadata storage as the index does, so a class decorated from `'class-validator'` keeps
 * working beside these, in the same schema or the same class; importing the index anywhere in the process
 * only brings back its start-up cost. The rules whose files would pull validator.js's index or
 * libphonenumber-js (`IsPhoneNumber`, `IsStrongPassword`) are left out, as are rarely configured ones:
 * import those from `'class-validator'`.
 *
 * `Type` is class-transformer's, loaded the same way from its own file, for nested configuration classes.
 *
 * The files are loaded with Node's `require` from `class-validator/cjs/` (the package has no `exports`
 * map and `@strata/core` pins its version exactly).
 */
import { createRequire } from 'node:module';
import type * as ClassTransformer from 'class-transformer';
import { lazyClassValidatorExport as load } from '../schema/class-validator-parts.js';

export type {
  ValidationArguments,
  ValidationOptions,
  ValidatorConstraintInterface,
} from 'class-validator';

// Common

/** class-validator's `IsOptional`: for `undefined` or `null`, the property's other rules are skipped. */
export const IsOptional = load('decorator/common/IsOptional', 'IsOptional');
/** class-validator's `IsDefined`: the value is neither `undefined` nor `null`. */
export const IsDefined = load('decorator/common/IsDefined', 'IsDefined');
/** class-validator's `ValidateIf`: the other rules apply only when `condition(object, value)` is true. */
export const ValidateIf = load('decorator/common/ValidateIf', 'ValidateIf');
/** class-validator's `ValidateNested`: the object (or each of an array) is validated by its class's rules. */
export const ValidateNested = load('decorator/common/ValidateNested', 'ValidateNested');
/** class-validator's `Allow`: marks a property without rules as allowed (for whitelisting). */
export const Allow = load('decorator/common/Allow', 'Allow');
/** class-validator's `Equals`: the value `===` `comparison`. */
export const Equals = load('decorator/common/Equals', 'Equals');
/** class-validator's `NotEquals`: the value `!==` `comparison`. */
export const NotEquals = load('decorator/common/NotEquals', 'NotEquals');
/** class-validator's `IsEmpty`: the value is `''`, `null` or `undefined`. */
export const IsEmpty = load('decorator/common/IsEmpty', 'IsEmpty');
/** class-validator's `IsNotEmpty`: the value is not `''`, `null` or `undefined`. */
export const IsNotEmpty = load('decorator/common/IsNotEmpty', 'IsNotEmpty');
/** class-validator's `IsIn`: the value is one of `values` (Strata also lists them as the allowed values). */
export const IsIn = load('decorator/common/IsIn', 'IsIn');
export { OneOf, type OneOfValues } from './one-of.js';
/** class-validator's `IsNotIn`: the value is none of `values`. */
export const IsNotIn = load('decorator/common/IsNotIn', 'IsNotIn');
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

/** class-validator's `IsBoolean`: the value is a boolean. */
export const IsBoolean = load('decorator/typechecker/IsBoolean', 'IsBoolean');
/** class-validator's `IsDate`: the value is a valid `Date`. */
export const IsDate = load('decorator/typechecker/IsDate', 'IsDate');
/** class-validator's `IsString`: the value is a string. */
export const IsString = load('decorator/typechecker/IsString', 'IsString');
/** class-validator's `IsNumber`: the value is a number (options for `NaN`, infinity, decimal places). */
export const IsNumber = load('decorator/typechecker/IsNumber', 'IsNumber');
/** class-validator's `IsInt`: the value is an integer. */
export const IsInt = load('decorator/typechecker/IsInt', 'IsInt');
/** class-validator's `IsArray`: the value is an array. */
export const IsArray = load('decorator/typechecker/IsArray', 'IsArray');
/** class-validator's `IsEnum`: the value is a member of the given enum object. */
export const IsEnum = load('decorator/typechecker/IsEnum', 'IsEnum');
/** class-validator's `IsObject`: the value is a non-null object (not an array). */
export const IsObject = load('decorator/typechecker/IsObject', 'IsObject');

// Numbers

/** class-validator's `Min`: the value is a number not less than `minValue`. */
export const Min = load('decorator/number/Min', 'Min');
/** class-validator's `Max`: the value is a number not greater than `maxValue`. */
export const Max = load('decorator/number/Max', 'Max');
/** class-validator's `IsPositive`: the value is a number greater than zero. */
export const IsPositive = load('decorator/number/IsPositive', 'IsPositive');
/** class-validator's `IsNegative`: the value is a number less than zero. */
export const IsNegative = load('decorator/number/IsNegative', 'IsNegative');
/** class-validator's `IsDivisibleBy`: the value is a number divisible by `num`. */
export const IsDivisibleBy = load('decorator/number/IsDivisibleBy', 'IsDivisibleBy');

// Strings (each loads its own check from validator.js's `lib/`, never validator.js's index)

/** class-validator's `Length`: the string's length is between `min` and `max`. */
export const Length = load('decorator/string/Length', 'Length');
/** class-validator's `MinLength`: the string's length is at least `min`. */
export const MinLength = load('decorator/string/MinLength', 'MinLength');
/** class-validator's `MaxLength`: the string's length is at most `max`. */
export const MaxLength = load('decorator/string/MaxLength', 'MaxLength');
/** class-validator's `Matches`: the string matches `pattern`. */
export const Matches = load('decorator/string/Matches', 'Matches');
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
/** class-validator's `Contains`: the string contains `seed`. */
export const Contains = load('decorator/string/Contains', 'Contains');
/** class-validator's `IsNumberString`: the string is numeric. */
export const IsNumberString = load('decorator/string/IsNumberString', 'IsNumberString');
/** class-validator's `IsBooleanString`: the string is `'true'`, `'false'`, `'1'` or `'0'`. */
export const IsBooleanString = load('decorator/string/IsBooleanString', 'IsBooleanString');
/** class-validator's `IsHexadecimal`: the string is a hexadecimal number. */
export const IsHexadecimal = load('decorator/string/IsHexadecimal', 'IsHexadecimal');

// Arrays

/** class-validator's `ArrayMinSize`: the array has at least `min` items. */
export const ArrayMinSize = load('decorator/array/ArrayMinSize', 'ArrayMinSize');
/** class-validator's `ArrayMaxSize`: the array has at most `max` items. */
export const ArrayMaxSize = load('decorator/array/ArrayMaxSize', 'ArrayMaxSize');
/** class-validator's `ArrayNotEmpty`: the array has at least one item. */
export const ArrayNotEmpty = load('decorator/array/ArrayNotEmpty', 'ArrayNotEmpty');
/** class-validator's `ArrayUnique`: the array's items are distinct (optionally by a selector). */
export const ArrayUnique = load('decorator/array/ArrayUnique', 'ArrayUnique');

// Nested classes

const require = createRequire(import.meta.url);

/**
 * class-transformer's `Type`: the class of a nested object (or of an array's items), for a property typed
 * as a class or an array of one. Loaded from `class-transformer/cjs/decorators/type.decorator.js`: the same
 * function and the same metadata storage as `import { Type } from 'class-transformer'`.
 */
export const Type = (
  require('class-transformer/cjs/decorators/type.decorator.js') as Pick<typeof ClassTransformer, 'Type'>
).Type;
