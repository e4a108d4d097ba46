import type { ValidationArguments } from 'class-validator';
import type { CompiledRule } from './compiled-rule.js';
import type { RuleKind } from './rule-metadata.js';

/** A rule's `message` option: a text with class-validator's tokens, or a function of the arguments. */
export type MessageOption = string | ((args: ValidationArguments) => string);

/** A rule's options besides the defaults: `each`, a `message`, or both. */
interface RuleOptions {
  readonly each: boolean;
  readonly message: MessageOption | undefined;
}

/** The options of every `{ each: true }` use without a message. */
const eachOnly: RuleOptions = Object.freeze({ each: true, message: undefined });

/**
 * One use of a rule Strata checks itself (`@IsInt()`, `@Min(1)`, … from `@strata/core/rules`), recorded when
 * the class is defined and, as it is, the compiled rule validation runs: a schema of 10,000 keys keeps one
 * object per decorator use instead of a descriptor and a compiled copy of it. Reads like class-validator's
 * metadata to schema reading (`type`, `name`, `propertyName`, `constraints`, `each`); the type and the name
 * live on the shared {@link RuleKind}, and `each` and `message` — rarely given — on an options object only a
 * use that gives them has, so an instance holds four fields.
 */
export class RuleDescriptor implements CompiledRule {
  readonly kind: RuleKind;
  readonly propertyName: string;
  /** The decorator's arguments; every rule without any shares one frozen empty array. */
  readonly constraints: readonly unknown[];
  readonly #options: RuleOptions | undefined;

  constructor(input: {
    kind: RuleKind;
    propertyName: string;
    constraints: readonly unknown[];
    each: boolean;
    messageOption: MessageOption | undefined;
  }) {
    this.kind = input.kind;
    this.propertyName = input.propertyName;
    this.constraints = input.constraints;
    this.#options =
      input.messageOption !== undefined
        ? { each: input.each, message: input.messageOption }
        : input.each
          ? eachOnly
          : undefined;
  }

  get each(): boolean {
    return this.#options?.each === true;
  }

  /** The decorator's `message` option, if given (`message()` is the rule's message for a failure). */
  get messageOption(): MessageOption | undefined {
    return this.#options?.message;
  }

  /** class-validator's validation type: `customValidation`, or `isDefined`. */
  get type(): RuleKind['type'] {
    return this.kind.type;
  }

  get name(): string {
    return this.kind.name;
  }

  /** The kind's check, called as a method of this rule so it reads this rule's `constraints`. */
  get check(): RuleKind['check'] {
    return this.kind.check;
  }

  validate(value: unknown): boolean {
    return this.kind.check.call(this, value);
  }

  message(args: ValidationArguments): string {
    const custom = this.messageOption;
    if (typeof custom === 'function') return custom(args);
    if (typeof custom === 'string') return custom;
    return this.kind.message(this.each ? 'each value in ' : '', args);
  }
}
