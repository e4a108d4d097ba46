import type { ValidationArguments } from 'class-validator';

/**
 * A rule Strata checks by itself: the same test and the same default message as class-validator's rule of
 * that name, without class-validator's constraint class (see `rule-kinds.ts`).
 */
export interface RuleKind {
  /** class-validator's validation type of the rule: `customValidation`, or `isDefined` for `@IsDefined`. */
  readonly type: 'customValidation' | 'isDefined';
  /** class-validator's name of the rule: `isInt`, `min`, `isDefined`. */
  readonly name: string;
  /**
   * True when the value passes. Called as a method of its compiled rule (`rule.check(value)`), so it reads
   * the rule's arguments from `this.constraints`: one function serves every rule of its kind.
   */
  readonly check: (this: { readonly constraints: readonly unknown[] }, value: unknown) => boolean;
  /** class-validator's default message, `$property` and `$constraintN` tokens included. */
  readonly message: (eachPrefix: string, args: ValidationArguments) => string;
}

/**
 * One rule on one property as class-validator records it (a `ValidationMetadata` of its global storage), or
 * a rule of `@strata/core/rules` that Strata does not check itself (`IsOptional`, `ValidateIf`,
 * `ValidateNested`, `Allow`), recorded with the same fields. Only the fields Strata reads.
 */
export interface RuleMetadata {
  /** class-validator's validation type: `customValidation`, `conditionalValidation`, `isDefined`, … */
  readonly type: string;
  /** The rule's name (`isInt`, `min`, `isOptional`); undefined for `@ValidateIf` and nested validation. */
  readonly name?: string | undefined;
  readonly propertyName: string;
  readonly constraints?: readonly unknown[] | undefined;
  readonly each?: boolean | undefined;
  readonly message?: string | ((args: ValidationArguments) => string) | undefined;
  /** class-validator's constraint class; absent on Strata's descriptors. */
  readonly constraintCls?: Function | undefined;
}
