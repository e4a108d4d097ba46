import type { DeprecationInfo, SecretSourceKind } from '../models/schema-model.js';

/** What Strata's own decorators record on one property. */
export interface PropertyMarks {
  secret?: boolean;
  secretSources?: readonly SecretSourceKind[];
  envNames?: readonly string[];
  description?: string;
  reloadable?: boolean;
  deprecated?: DeprecationInfo;
}

/** What Strata's own decorators record on one class. */
export interface ClassMarks {
  section?: string;
  description?: string;
  properties: Map<string, PropertyMarks>;
}

// A WeakMap keyed by constructor keeps metadata off the user's classes and lets them be collected.
const marks = new WeakMap<Function, ClassMarks>();

/** The marks recorded on a class itself (not its parents). */
export function ownMarks(target: Function): ClassMarks {
  let found = marks.get(target);
  if (!found) {
    found = { properties: new Map() };
    marks.set(target, found);
  }
  return found;
}

/** The marks of a class and its parents, child marks winning. */
export function classMarks(target: Function): {
  section?: string;
  description?: string;
  properties: Map<string, PropertyMarks>;
} {
  const chain: Function[] = [];
  for (
    let c: unknown = target;
    typeof c === 'function' && c !== Function.prototype;
    c = Object.getPrototypeOf(c)
  ) {
    chain.unshift(c as Function);
  }
  const properties = new Map<string, PropertyMarks>();
  let description: string | undefined;
  for (const c of chain) {
    const own = marks.get(c);
    if (!own) continue;
    for (const [key, value] of own.properties) properties.set(key, { ...properties.get(key), ...value });
    if (own.description !== undefined && c === target) description = own.description;
  }
  const section = marks.get(target)?.section;
  const result: { section?: string; description?: string; properties: Map<string, PropertyMarks> } = {
    properties,
  };
  if (section !== undefined) result.section = section;
  if (description !== undefined) result.description = description;
  return result;
}

/** Record marks on a property. */
export function markProperty(prototype: object, key: string | symbol, patch: PropertyMarks): void {
  if (typeof key !== 'string') throw new TypeError('Strata decorators apply to string-named properties only');
  const owner = ownMarks(prototype.constructor);
  owner.properties.set(key, { ...owner.properties.get(key), ...patch });
}
