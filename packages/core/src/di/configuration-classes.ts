import type { Constructor, ObjectSchema, SchemaModel } from '../models/schema-model.js';

/** Every section class and every nested configuration class of a schema, each once. */
export function configurationClasses(schema: SchemaModel): Constructor[] {
  const classes = new Set<Constructor>();
  const walk = (object: ObjectSchema): void => {
    classes.add(object.cls);
    for (const child of object.children.values()) walk(child);
  };
  for (const section of schema.sections) walk(section);
  return [...classes];
}

/** The section classes that own at least one of the given dotted paths, with their nested classes. */
export function classesUnder(schema: SchemaModel, paths: readonly string[]): Constructor[] {
  const classes = new Set<Constructor>();
  const walk = (object: ObjectSchema): void => {
    classes.add(object.cls);
    for (const child of object.children.values()) walk(child);
  };
  for (const section of schema.sections) {
    if (paths.some((path) => path === section.path || path.startsWith(`${section.path}.`))) walk(section);
  }
  return [...classes];
}
