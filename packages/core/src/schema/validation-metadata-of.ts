import type { Constructor } from '../models/schema-model.js';
import { getMetadataStorage } from './class-validator-parts.js';
import type { ValidationMetadata } from './constraint-rule.js';

type MetadataMap = Map<Function, ValidationMetadata[]>;

/**
 * A class's class-validator metadata, its ancestors' included, the way `getTargetValidationMetadatas` computes
 * it, but by walking the class's own prototype chain: class-validator's version checks every class registered
 * in the process for inheritance, which makes reading a large schema quadratic.
 */
export function validationMetadataOf(cls: Constructor): ValidationMetadata[] {
  const storage = getMetadataStorage();
  const byTarget = (storage as unknown as { validationMetadatas?: unknown }).validationMetadatas;
  if (!(byTarget instanceof Map)) return storage.getTargetValidationMetadatas(cls, '', true, false);
  const map = byTarget as MetadataMap;
  const own = map.get(cls) ?? [];
  const result = [...own];
  for (
    let parent = Object.getPrototypeOf(cls);
    typeof parent === 'function' && parent !== Function.prototype;
    parent = Object.getPrototypeOf(parent)
  ) {
    for (const inherited of map.get(parent) ?? []) {
      if (!own.some((m) => m.propertyName === inherited.propertyName && m.type === inherited.type))
        result.push(inherited);
    }
  }
  return result;
}
