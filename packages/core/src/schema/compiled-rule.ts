import type { ValidationArguments } from 'class-validator';
import type { ObjectSchema } from '../models/schema-model.js';
import type { ObjectRules } from './object-rules.js';

/** One class-validator constraint, bound once to its constraint instance so validation never looks it up. */
export interface CompiledRule {
  /** Constraint name (`max`, `isInt`, a custom name, or the constraint class's name). */
  readonly name: string;
  readonly constraints: readonly unknown[];
  readonly each: boolean;
  readonly validate: (value: unknown, args: ValidationArguments) => boolean | Promise<boolean>;
  readonly message: (args: ValidationArguments) => string;
  /**
   * For class-validator's common built-in rules: the same check without the constraint object and without
   * building validation arguments, which are then only needed for the message of a failure. Called as a method
   * of its rule (`rule.check(value)`): it may read the rule's `constraints`.
   */
  readonly check: ((this: CompiledRule, value: unknown) => boolean) | undefined;
}

/** What switches a field's rules off, or makes it required regardless of its default. */
export interface RuleSwitches {
  /** `@IsOptional()`: null/undefined skips every rule. */
  readonly optional: boolean;
  /** `@ValidateIf(fn)` conditions; all must hold for the rules to run. */
  readonly conditions: readonly ((object: object, value: unknown) => boolean)[];
  /** `@IsDefined()`: undefined/null is an error even when optional. */
  readonly defined: boolean;
}

/** How a class-validator-declared field is validated: its rules plus the conditions that switch them off. */
export interface FieldRules extends RuleSwitches {
  readonly rules: readonly CompiledRule[];
}

/**
 * The compiled rules of every configuration class of a schema (array item classes included), by object: a
 * product of reading the schema, handed to validation with it.
 */
export type SchemaRules = ReadonlyMap<ObjectSchema, ObjectRules>;
