import type { FieldSchema, SchemaModel, SectionSchema } from '@strata/core';

/** Each section with its fields (nested ones included), in declaration order. */
export function fieldsBySection(schema: SchemaModel): { section: SectionSchema; fields: FieldSchema[] }[] {
  return schema.sections.map((section) => ({
    section,
    fields: schema.fields.filter((field) => field.path.startsWith(`${section.path}.`)),
  }));
}
