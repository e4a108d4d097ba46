import type { Constructor, FieldSchema, SchemaModel, SectionSchema, SourceContext } from '@strata/core';
import { silentLogger } from '@strata/core';

/** Field names per section path (`''` for a section at the root); `envNames` by dotted field path. */
export interface SchemaStub {
  readonly sections: Readonly<Record<string, readonly string[]>>;
  readonly envNames?: Readonly<Record<string, readonly string[]>>;
}

/** A SchemaModel stub: enough of the model for sources (paths, segments, `@Env` names). */
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

/** A SourceContext built by hand, as the engine would pass it. */
export function contextOf(fields: {
  schema: SchemaModel;
  env?: Record<string, string | undefined>;
  argv?: readonly string[];
  cwd?: string;
  environment?: string;
}): SourceContext {
  return {
    environment: fields.environment ?? 'development',
    schema: fields.schema,
    signal: new AbortController().signal,
    logger: silentLogger,
    cwd: fields.cwd ?? process.cwd(),
    env: fields.env ?? {},
    argv: fields.argv ?? [],
  };
}

/** The layer's entries as `[dotted path, value, locator]` triples, for compact assertions. */
export function triples(layer: {
  entries: readonly { path: readonly string[]; value: unknown; origin: { locator: string } }[];
}): [string, unknown, string][] {
  return layer.entries.map((e) => [e.path.join('.'), e.value, e.origin.locator]);
}

/** Environment objects with own `__proto__` keys (an object literal would set the prototype instead). */
export function envOf(entries: readonly (readonly [string, string])[]): Record<string, string> {
  return Object.fromEntries(entries);
}
