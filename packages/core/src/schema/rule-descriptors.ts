import type { ValidationMetadata } from './constraint-rule.js';

// Keyed by constructor, weakly: descriptors stay off the user's classes and go when a class goes. One array
// per class (not per property): a section of ten keys holds one array of about twenty small objects, where
// class-validator keeps a ValidationMetadata of fifteen fields plus a constraint class per rule.
const descriptorsByClass = new WeakMap<Function, ValidationMetadata[]>();

/**
 * Record one rule of `@strata/core/rules` on a class. Called at class definition, once per decorator: a push,
 * nothing compiled, nothing of class-validator loaded.
 */
export function recordRule(target: Function, descriptor: ValidationMetadata): void {
  const list = descriptorsByClass.get(target);
  if (list) list.push(descriptor);
  else descriptorsByClass.set(target, [descriptor]);
}

/** The descriptors recorded on the class itself (not its parents), in decorator order. */
export function ownRuleDescriptors(target: Function): readonly ValidationMetadata[] {
  return descriptorsByClass.get(target) ?? noDescriptors;
}

const noDescriptors: readonly ValidationMetadata[] = Object.freeze([]);
