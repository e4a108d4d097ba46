import { classMarks } from './decorator-metadata.js';
import type { Constructor } from '../models/schema-model.js';
import { isBuiltin } from './infer-field-type.js';
import { validationMetadataOf } from './validation-metadata-of.js';

/**
 * The configuration class of a property's initialiser (`inner = new Inner()`), for a property without any
 * decorator: TypeScript emits no `design:type` for it, so without this its class's rules were never run and a
 * source's value replaced the instance with a plain object. A class counts when it carries configuration
 * metadata (a class-validator constraint or a Strata mark); other instances (`new URL(…)`) stay plain values.
 */
export function configurationClassOf(initialiser: unknown): Constructor | undefined {
  if (initialiser === null || typeof initialiser !== 'object' || Array.isArray(initialiser)) return undefined;
  const prototype: unknown = Object.getPrototypeOf(initialiser);
  if (prototype === null || prototype === Object.prototype) return undefined;
  const cls = (prototype as { constructor?: unknown }).constructor;
  if (typeof cls !== 'function' || isBuiltin(cls)) return undefined;
  const marks = classMarks(cls);
  const configured =
    marks.properties.size > 0 ||
    marks.description !== undefined ||
    validationMetadataOf(cls as Constructor).length > 0;
  return configured ? (cls as Constructor) : undefined;
}
