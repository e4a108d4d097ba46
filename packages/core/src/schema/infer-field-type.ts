import type { Constructor, FieldType } from '../models/schema-model.js';
import type { ValidationMetadata } from './constraint-rule.js';

const builtins = new Set<unknown>([
  String,
  Number,
  Boolean,
  Date,
  Array,
  Object,
  Function,
  Promise,
  Map,
  Set,
  BigInt,
  Symbol,
]);

/** True for the built-in constructors that `design:type` names for plain values (never configuration classes). */
export function isBuiltin(value: unknown): boolean {
  return builtins.has(value);
}

/** The configuration class a property holds, from its `@Type` hint or its `design:type`. */
export function nestedClassOf(declared: unknown, typeHint: unknown): Constructor | undefined {
  if (declared === Array) return undefined;
  const candidate = typeof typeHint === 'function' ? typeHint : declared;
  if (typeof candidate !== 'function' || isBuiltin(candidate)) return undefined;
  return candidate as Constructor;
}

/** The kind of a leaf: from its class-validator constraints first, then `design:type`, then its default. */
export function inferFieldType(declared: unknown, names: ReadonlySet<string>, sample: unknown): FieldType {
  if (names.has('isInt')) return 'integer';
  if (declared === Number || names.has('isNumber') || names.has('isPositive') || names.has('isNegative'))
    return 'number';
  if (declared === Boolean || names.has('isBoolean')) return 'boolean';
  if (declared === Date || names.has('isDate')) return 'date';
  if (declared === Array || names.has('isArray')) return 'array';
  if (declared === String || names.has('isString')) return 'string';
  if (names.has('isObject')) return 'object';
  if (declared === Object && sample === undefined) return 'unknown';
  switch (typeof sample) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'object':
      if (sample instanceof Date) return 'date';
      if (Array.isArray(sample)) return 'array';
      return sample === null ? 'unknown' : 'object';
    default:
      return declared === Object ? 'object' : 'unknown';
  }
}

/** The allowed values declared by `@IsIn` or `@IsEnum`, if any. */
export function enumValuesOf(metas: readonly ValidationMetadata[]): (string | number)[] | undefined {
  for (const meta of metas) {
    if (meta.name === 'isIn' && Array.isArray(meta.constraints?.[0]))
      return [...(meta.constraints[0] as (string | number)[])];
    if (meta.name === 'isEnum' && Array.isArray(meta.constraints?.[1]))
      return [...(meta.constraints[1] as (string | number)[])];
  }
  return undefined;
}
