import type { Constructor, FieldSchema, SchemaModel, SectionSchema } from '@strata/core';

/** Field names per section path (`''` for a section at the root); `envNames` by dotted field path. */
export interface SchemaStub {
  readonly sections: Readonly<Record<string, readonly string[]>>;
  readonly envNames?: Readonly<Record<string, readonly string[]>>;
}

/**
 * A {@link SchemaModel} stub: enough of the model for sources that map names onto it (paths, segments,
 * `@Env` names). Every field is an optional string.
 *
 * @example
 * const schema = schemaOf({ sections: { server: ['port', 'host'] }, envNames: { 'server.port': ['PORT'] } });
 */
export function schemaOf(stub: SchemaStub): SchemaModel {
  const fields: FieldSchema[] = [];
  const sections: SectionSchema[] = [];
  for (const [sectionPath, keys] of Object.entries(stub.sections)) {
    const segments = sectionPath === '' ? [] : sectionPath.split('.');
    const own = new Map<string, FieldSchema>();
    for (const key of keys) {
      const path = [...segments, key].join('.');
      const field: FieldSchema = {
        path,
        segments: [...segments, key],
        key,
        type: 'string',
        hasDefault: false,
        optional: true,
        required: false,
        secret: false,
        reloadable: true,
        envNames: stub.envNames?.[path] ?? [],
        constraints: [],
      };
      own.set(key, field);
      fields.push(field);
    }
    const cls: Constructor = class {};
    sections.push({ cls, path: sectionPath, segments, fields: own, children: new Map(), isSection: true });
  }
  return {
    sections,
    fields,
    field: (path) => fields.find((f) => f.path === path),
    object: (path) => sections.find((s) => s.path === path),
    objectOf: (cls) => sections.find((s) => s.cls === cls),
  };
}
