import type { ValidationArguments } from 'class-validator';
import { classValidatorExport, getMetadataStorage } from './class-validator-parts.js';
import type { CompiledRule } from './compiled-rule.js';
import type { RuleDescriptor } from './rule-descriptor.js';
import { ruleKindOf } from './rule-kinds.js';
import type { RuleMetadata } from './rule-metadata.js';

/**
 * One decorator use as schema reading sees it: class-validator's metadata, or a rule of `@strata/core/rules`
 * (a {@link RuleDescriptor} for the rules Strata checks itself, class-validator's fields for the others).
 */
export type ValidationMetadata = RuleMetadata | RuleDescriptor;

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
 * A class-validator constraint compiled once: the rules of class-validator's metadata (a
 * {@link RuleDescriptor} is a compiled rule already). The validation loop sees these two shapes only. The
 * constraint object is made on first use — a rule with a built-in `check` needs it only for a failure's
 * message — and shared by every rule of its constraint class.
 */
export class ConstraintRule implements CompiledRule {
  // A schema keeps one rule per decorator use (~22,000 for 10,000 keys): five fields, and no private method
  // (which would add a brand field to every instance).
  readonly constraints: readonly unknown[];
  readonly each: boolean;
  readonly check: CompiledRule['check'];
  readonly #meta: RuleMetadata;
  #bound: BoundConstraint | undefined;

  constructor(meta: RuleMetadata) {
    this.constraints = meta.constraints ?? noArgs;
    this.each = meta.each === true;
    // A rule Strata knows by name gets its check (class-validator's function, copied): no constraint object,
    // no arguments, for a value that passes. Anything else (custom constraints, rarer rules) goes through its
    // constraint class.
    this.check = meta.constraintCls ? classValidatorCheck(meta.name) : undefined;
    this.#meta = meta;
  }

  /** Read only for a failure: not worth a field. */
  get name(): string {
    return ruleName(this.#meta);
  }

  validate(value: unknown, args: ValidationArguments): boolean | Promise<boolean> {
    this.#bound ??= boundConstraint(this.#meta.constraintCls as Function);
    return this.#bound.validate.call(this.#bound.instance, value, args);
  }

  message(args: ValidationArguments): string {
    const custom = this.#meta.message;
    if (typeof custom === 'function') return custom(args);
    if (typeof custom === 'string') return custom;
    this.#bound ??= boundConstraint(this.#meta.constraintCls as Function);
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
  const cls = 'constraintCls' in meta ? meta.constraintCls : undefined;
  const registered = cls ? getMetadataStorage().getTargetValidatorConstraints(cls)[0]?.name : undefined;
  return registered ?? (cls as { name?: string } | undefined)?.name ?? 'custom';
}

/** The check of a class-validator rule Strata knows by name: its own copy, or class-validator's `isNumber`. */
function classValidatorCheck(name: string | undefined): CompiledRule['check'] {
  return name === 'isNumber' ? checkNumber : ruleKindOf(name)?.check;
}

// Loaded on first use; only class-validator metadata reaches it, so class-validator is loaded already.
let isNumber: ((value: unknown, options: object) => boolean) | undefined;

function checkNumber(this: CompiledRule, value: unknown): boolean {
  isNumber ??= classValidatorExport('decorator/typechecker/IsNumber', 'isNumber') as (
    value: unknown,
    options: object,
  ) => boolean;
  return isNumber(value, (this.constraints[0] ?? {}) as object);
}
