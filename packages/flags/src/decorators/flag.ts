import { Description, Secret, StrataError } from '@strata/core';
import { IsObject, IsOptional, registerDecorator } from '@strata/core/rules';
import type { FlagOptions } from '../models/flag-options.js';
import { FLAG_RULES_CONSTRAINT, flagRulesConstraint } from './flag-rules-constraint.js';
import { markFlag } from './flag-marks.js';

const propertyName = /^[A-Za-z_$][\w$]*$/;

/**
 * Marks a field of a configuration class as a feature flag. The field keeps its type (boolean, string, number
 * or a small object) and its default in code; sources set it like any value. Its rules live beside it, under
 * `<field>Rules` (or `rulesKey`), in any source: an optional object key that core merges, validates with the
 * flag's own constraint and reloads like every other value.
 *
 * @example
 * ```ts
 * @Section('features')
 * class FeaturesConfig {
 *   @Flag({ description: 'The new checkout flow' })
 *   newCheckout = false;
 * }
 * ```
 */
export function Flag(options: FlagOptions): PropertyDecorator {
  if (typeof options?.description !== 'string' || options.description.trim() === '') {
    throw new StrataError(
      'DEFINITION_INVALID',
      '@Flag({ description }) needs a description of what the flag switches',
    );
  }
  return (prototype, key) => {
    if (typeof key !== 'string') {
      throw new StrataError('DEFINITION_INVALID', '@Flag applies to string-named properties only');
    }
    const owner = (prototype as { constructor: Function }).constructor;
    const rulesKey = options.rulesKey ?? `${key}Rules`;
    if (!propertyName.test(rulesKey) || rulesKey === key) {
      throw new StrataError(
        'DEFINITION_INVALID',
        `${owner.name}.${key}: @Flag's rulesKey "${rulesKey}" must be a property name other than the flag's`,
      );
    }
    if (
      Object.hasOwn(prototype, rulesKey) ||
      Reflect.getMetadata('design:type', prototype, rulesKey) !== undefined
    ) {
      throw new StrataError(
        'DEFINITION_INVALID',
        `${owner.name}.${key}: the flag's rules go under "${rulesKey}", which the class already declares; choose another rulesKey`,
      );
    }
    markFlag(owner, { key, rulesKey, description: options.description });
    Description(options.description)(prototype, key);
    // The rules key is a field of its own for core: optional, an object (JSON text from env or SSM is parsed
    // as for any object field), and checked by the flag's constraint against the flag's value.
    IsOptional()(prototype, rulesKey);
    IsObject()(prototype, rulesKey);
    registerDecorator({
      name: FLAG_RULES_CONSTRAINT,
      target: owner,
      propertyName: rulesKey,
      constraints: [key, options.secret === true],
      validator: flagRulesConstraint,
    });
    Description(`Targeting rules of the ${key} flag (docs/flags.md)`)(prototype, rulesKey);
    if (options.secret) {
      Secret()(prototype, key);
      Secret()(prototype, rulesKey);
    }
  };
}
