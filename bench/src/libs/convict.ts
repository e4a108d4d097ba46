import convict from 'convict';
import yaml from 'js-yaml';
import type { FieldSpec, FixtureSpec } from '../fixtures/fixture-spec.js';
import type { LibraryAdapter } from './adapter.js';

/**
 * convict: a schema object with `format`, `default` and `env` per key, `loadFile()` for the two YAML files
 * (js-yaml registered with `addParser`, as its README shows) and `validate({ allowed: 'strict' })`.
 * Bounded integers and strings use custom formats (`addFormat`), which read `min`/`max` from the schema
 * node, the way convict's README passes extra schema properties to a format.
 */
export const convictAdapter: LibraryAdapter = {
  async prepare({ spec, paths }) {
    registerFormats();
    const schema = convictSchema(spec);
    return {
      async load() {
        const config = convict(schema);
        config.loadFile([paths.defaultFile, paths.environmentFile]);
        config.validate({ allowed: 'strict' });
        return {
          value: (section, key) => config.get(`${section}.${key}`),
          hotPath: (section, key) => ({
            kind: 'get',
            target: config,
            path: `${section}.${key}`,
            how: "`config.get('section.key')`",
          }),
          close: async () => {},
        };
      },
    };
  },
};

let registered = false;

function registerFormats(): void {
  if (registered) return;
  registered = true;
  convict.addParser({ extension: ['yml', 'yaml'], parse: yaml.load });
  convict.addFormat({
    name: 'bounded-int',
    validate(value: unknown, schema: { min: number; max: number }) {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error('must be an integer');
      if (value < schema.min) throw new Error(`must be >= ${schema.min}`);
      if (value > schema.max) throw new Error(`must be <= ${schema.max}`);
    },
    coerce: (text: string) => Number(text),
  });
  convict.addFormat({
    name: 'bounded-string',
    validate(value: unknown, schema: { minLength: number; maxLength: number }) {
      if (typeof value !== 'string') throw new Error('must be a string');
      if (value.length < schema.minLength || value.length > schema.maxLength)
        throw new Error(`length must be within ${schema.minLength}..${schema.maxLength}`);
    },
  });
}

/** The convict schema: `default: null` (every key is set by default.yaml, so none has a code default). */
function convictSchema(spec: FixtureSpec): Record<string, Record<string, Record<string, unknown>>> {
  const envOf = new Map(spec.envOverrides.map((e) => [`${e.section}.${e.key}`, e.variable]));
  const schema: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const section of spec.sections) {
    const node: Record<string, Record<string, unknown>> = {};
    for (const field of section.fields) {
      const property = formatOf(field);
      property.default = null;
      const env = envOf.get(`${section.name}.${field.key}`);
      if (env) property.env = env;
      node[field.key] = property;
    }
    schema[section.name] = node;
  }
  return schema;
}

function formatOf(field: FieldSpec): Record<string, unknown> {
  switch (field.kind) {
    case 'int':
      return { format: 'bounded-int', min: field.min, max: field.max };
    case 'string':
      return { format: 'bounded-string', minLength: field.minLength, maxLength: field.maxLength };
    case 'boolean':
      return { format: Boolean };
    case 'enum':
      return { format: [...field.values] };
  }
}
