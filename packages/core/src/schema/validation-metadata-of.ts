import type { Constructor } from '../models/schema-model.js';
import type { ValidationMetadata } from './constraint-rule.js';
import { ownRuleDescriptors } from './rule-descriptors.js';

type MetadataMap = Map<Function, ValidationMetadata[]>;

/** The part of class-validator's metadata storage read here. */
interface ClassValidatorStorage {
  readonly validationMetadatas?: unknown;
  getTargetValidationMetadatas(
    target: Function,
    schema: string,
    always: boolean,
    strictGroups: boolean,
  ): ValidationMetadata[];
}

/**
 * class-validator's process-global storage, if any class-validator decorator ever ran in this process.
 * class-validator keeps it on the global object (`getGlobal().classValidatorMetadataStorage`), made by the
 * first decorator: reading it there finds the storage of every copy of class-validator, and never loads
 * class-validator for a schema written with `@strata/core/rules` only.
 */
function classValidatorStorage(): ClassValidatorStorage | undefined {
  return (globalThis as { classValidatorMetadataStorage?: ClassValidatorStorage })
    .classValidatorMetadataStorage;
}

/**
 * A class's rules, its ancestors' included: class-validator's metadata (what its decorators registered) and
 * the descriptors of `@strata/core/rules`, in decorator order. Inheritance as `getTargetValidationMetadatas`
 * computes it — a parent's rule is dropped when the class has one of the same type on the same property — but
 * by walking the class's own prototype chain: class-validator's version checks every class registered in the
 * process for inheritance, which makes reading a large schema quadratic.
 */
export function validationMetadataOf(cls: Constructor): ValidationMetadata[] {
  const storage = classValidatorStorage();
  const byTarget = storage?.validationMetadatas;
  if (storage && !(byTarget instanceof Map)) {
    // A class-validator without the Map this relies on: its own lookup, then Strata's descriptors.
    return [...storage.getTargetValidationMetadatas(cls, '', true, false), ...descriptorsOf(cls)];
  }
  const map = byTarget as MetadataMap | undefined;
  const ownOf = (target: Function): readonly ValidationMetadata[] => {
    const fromClassValidator = map?.get(target);
    const descriptors = ownRuleDescriptors(target);
    if (!fromClassValidator) return descriptors;
    return descriptors.length === 0 ? fromClassValidator : [...fromClassValidator, ...descriptors];
  };
  const own = ownOf(cls);
  const result = [...own];
  for (
    let parent = Object.getPrototypeOf(cls);
    typeof parent === 'function' && parent !== Function.prototype;
    parent = Object.getPrototypeOf(parent)
  ) {
    for (const inherited of ownOf(parent)) {
      if (!own.some((m) => m.propertyName === inherited.propertyName && m.type === inherited.type))
        result.push(inherited);
    }
  }
  return result;
}

/** Strata's descriptors of a class and its ancestors, with the same inheritance rule. */
function descriptorsOf(cls: Constructor): ValidationMetadata[] {
  const own = ownRuleDescriptors(cls);
  const result = [...own];
  for (
    let parent = Object.getPrototypeOf(cls);
    typeof parent === 'function' && parent !== Function.prototype;
    parent = Object.getPrototypeOf(parent)
  ) {
    for (const inherited of ownRuleDescriptors(parent)) {
      if (!own.some((m) => m.propertyName === inherited.propertyName && m.type === inherited.type))
        result.push(inherited);
    }
  }
  return result;
}
