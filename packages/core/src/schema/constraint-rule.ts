import type { ValidationArguments } from 'class-validator';
import {
  getMetadataStorage,
  isBoolean,
  isIn,
  isInt,
  isNumber,
  isString,
  lazyClassValidatorExport,
  max,
  min,
} from './class-validator-parts.js';
import type { CompiledRule } from './compiled-rule.js';

/** One decorator use as class-validator's metadata storage records it. */
export type ValidationMetadata = ReturnType<
  ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']
>[number];

/**
 * The arguments of every constraint declared without any (`@IsInt()`): one frozen array instead of an empty
 * one per rule.
 */
export const noArgs: readonly unknown[] = Object.freeze([]);

interface ConstraintInstance {
  validate(value: unknown, args: ValidationArguments): boolean | Promise<boolean>;
  defaultMessage?(args: ValidationArguments): string;
}

/** A constraint object and its `validate` method, looked up once. */
interface BoundConstraint {
  readonly instance: ConstraintInstance;
  // Constraint objects are of thousands of classes (class-validator makes one per decorator use), too many for
  // the engine to cache a per-call lookup of `validate`.
  readonly validate: ConstraintInstance['validate'];
}

/**
 * Constraint objects by constraint class, made on first use and shared by every rule of that class, the way
 * class-validator keeps one per class in its container. Weak: classes stay collectable.
 */
const constraintsByClass = new WeakMap<Function, BoundConstraint>();

/**
 * A class-validator constraint compiled once. Every rule is an instance of this class: one object shape keeps
 * the validation loop monomorphic. The constraint object is made on first use — a rule with a built-in
 * `check` needs it only for a failure's message — and shared by every rule of its constraint class.
 */
export class ConstraintRule implements CompiledRule {
  // A schema keeps one rule per decorator use (~22,000 for 10,000 keys): five fields, and no private method
  // (which would add a brand field to every instance).
  readonly constraints: readonly unknown[];
  readonly each: boolean;
  readonly check: CompiledRule['check'];
  readonly #meta: ValidationMetadata;
  #bound: BoundConstraint | undefined;

  constructor(meta: ValidationMetadata) {
    this.constraints = meta.constraints ?? noArgs;
    this.each = meta.each === true;
    this.check = builtInCheck(meta.name, this.constraints[0]);
    this.#meta = meta;
  }

  /** Read only for a failure: not worth a field. */
  get name(): string {
    return ruleName(this.#meta);
  }

  validate(value: unknown, args: ValidationArguments): boolean | Promise<boolean> {
    this.#bound ??= boundConstraint(this.#meta.constraintCls);
    return this.#bound.validate.call(this.#bound.instance, value, args);
  }

  message(args: ValidationArguments): string {
    const custom = this.#meta.message;
    if (typeof custom === 'function') return custom(args);
    if (typeof custom === 'string') return custom;
    this.#bound ??= boundConstraint(this.#meta.constraintCls);
    return this.#bound.instance.defaultMessage?.(args) ?? `failed the ${this.name} rule`;
  }
}

function boundConstraint(cls: Function): BoundConstraint {
  let bound = constraintsByClass.get(cls);
  if (!bound) {
    const instance = new (cls as new () => ConstraintInstance)();
    bound = { instance, validate: instance.validate };
    constraintsByClass.set(cls, bound);
  }
  return bound;
}

/** The name of a rule or constraint: `isInt`, `max`, a custom constraint's registered name. */
export function ruleName(meta: ValidationMetadata): string {
  if (meta.type === 'isDefined') return 'isDefined';
  if (meta.name) return meta.name;
  // @Validate(SomeConstraint): the name lives on the constraint's own metadata (@ValidatorConstraint({ name })).
  const registered = meta.constraintCls
    ? getMetadataStorage().getTargetValidatorConstraints(meta.constraintCls)[0]?.name
    : undefined;
  return registered ?? (meta.constraintCls as { name?: string } | undefined)?.name ?? 'custom';
}

// The checks below are called as methods of their rule (`rule.check(value)`) and read its bound from
// `this.constraints`: one function per kind of rule serves every rule, where a closure per rule over its bound
// would keep about 90 bytes (closure and context) per rule.

function checkNumber(this: CompiledRule, value: unknown): boolean {
  return isNumber(value, (this.constraints[0] ?? {}) as Parameters<typeof isNumber>[1]);
}

function checkMin(this: CompiledRule, value: unknown): boolean {
  return min(value, this.constraints[0] as number);
}

function checkMax(this: CompiledRule, value: unknown): boolean {
  return max(value, this.constraints[0] as number);
}

function checkIn(this: CompiledRule, value: unknown): boolean {
  return isIn(value, this.constraints[0] as readonly unknown[]);
}

// Loaded on first use: a schema with `@Length` has loaded this file already (its decorator lives there).
const length = lazyClassValidatorExport('decorator/string/Length', 'length');

function checkLength(this: CompiledRule, value: unknown): boolean {
  // What the constraint's own `validate` does with `args.constraints`.
  return length(value, this.constraints[0] as number, this.constraints[1] as number | undefined);
}

/**
 * The check of a common class-validator rule, through class-validator's own standalone function (so the
 * semantics are the library's). Rules with these names are the library's built-ins; anything else keeps the
 * general path through its constraint class.
 */
function builtInCheck(name: string | undefined, first: unknown): CompiledRule['check'] {
  switch (name) {
    case 'isInt':
      return isInt;
    case 'isString':
      return isString;
    case 'isBoolean':
      return isBoolean;
    case 'isNumber':
      return checkNumber;
    case 'min':
      return typeof first === 'number' ? checkMin : undefined;
    case 'max':
      return typeof first === 'number' ? checkMax : undefined;
    case 'isIn':
      return Array.isArray(first) ? checkIn : undefined;
    case 'isLength':
      return checkLength;
    default:
      return undefined;
  }
}
