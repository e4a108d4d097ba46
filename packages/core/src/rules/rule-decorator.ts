import type { ValidationOptions } from 'class-validator';
import { RuleDescriptor } from '../schema/rule-descriptor.js';
import { recordRule } from '../schema/rule-descriptors.js';
import type { RuleKind } from '../schema/rule-metadata.js';

/** A property decorator, as class-validator's decorators type it. */
export type PropertyRule = (object: object, propertyName: string | symbol) => void;

/**
 * What a rule records besides the property and the options: the kind Strata checks it with and its
 * arguments, or — for the rules that only switch others on and off (`IsOptional`, `ValidateIf`, …) —
 * class-validator's type and name.
 */
export type RuleShape =
  | { readonly kind: RuleKind; readonly constraints: readonly unknown[] }
  | { readonly type: string; readonly name?: string; readonly constraints: readonly unknown[] };

/**
 * A decorator that records `shape` as a descriptor in Strata's own metadata — unless the options ask for
 * something only class-validator gives (`groups`, `always`, `context`, `validateIf`) or the property is a
 * symbol: then class-validator's own decorator (`fallback`, loaded from its file) registers it exactly as
 * before, and Strata reads it from class-validator's storage as it always did.
 */
export function ruleDecorator(
  shape: RuleShape,
  options: ValidationOptions | undefined,
  fallback: () => PropertyRule,
): PropertyRule {
  if (options !== undefined && !describable(options)) return fallback();
  return (object, propertyName) => {
    if (typeof propertyName !== 'string') return fallback()(object, propertyName);
    const each = options?.each === true;
    const message = options?.message;
    recordRule(
      object.constructor,
      'kind' in shape
        ? new RuleDescriptor({
            kind: shape.kind,
            propertyName,
            constraints: shape.constraints,
            each,
            messageOption: message,
          })
        : { type: shape.type, name: shape.name, propertyName, constraints: shape.constraints, each, message },
    );
  };
}

/** Options a descriptor carries: `each` and `message`; nothing else set. */
function describable(options: ValidationOptions): boolean {
  for (const key of Object.keys(options)) {
    if (key === 'each' || key === 'message') continue;
    if ((options as Record<string, unknown>)[key] !== undefined) return false;
  }
  return true;
}
