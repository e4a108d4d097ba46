import type { ObjectSchema, SchemaModel } from '@strata/core';
import { flagMarksOf } from '../decorators/flag-marks.js';

/** Where a flag and its rules live in the tree. */
export interface FlagLocation {
  readonly key: string;
  readonly rulesPath: string;
  readonly description: string;
}

/** Every `@Flag` field of a schema, sections and nested classes alike, in declaration order. */
export function findFlags(schema: SchemaModel): FlagLocation[] {
  const found: FlagLocation[] = [];
  const visit = (object: ObjectSchema): void => {
    const marks = flagMarksOf(object.cls);
    for (const [key, mark] of marks) {
      if (!object.fields.has(key)) continue;
      const prefix = object.path === '' ? '' : `${object.path}.`;
      found.push({
        key: `${prefix}${key}`,
        rulesPath: `${prefix}${mark.rulesKey}`,
        description: mark.description,
      });
    }
    for (const child of object.children.values()) visit(child);
  };
  for (const section of schema.sections) visit(section);
  return found;
}
