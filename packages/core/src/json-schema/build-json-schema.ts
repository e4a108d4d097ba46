import type { FieldSchema, FieldType, ObjectSchema, SchemaModel } from '../models/schema-model.js';
import { CONFIG_VERSION_KEY } from '../migrate/migrate-layer.js';
import { constraintKeywords } from './constraint-keywords.js';
import type { JsonSchema } from './json-schema-types.js';

/** Options of {@link buildJsonSchema}. */
export interface JsonSchemaOptions {
  /** The schema's `title`. */
  readonly title: string;
  /** The definition's `configVersion`: files may declare it (or an older one) at the top. */
  readonly configVersion?: number | undefined;
}

/**
 * A JSON Schema (draft 2020-12) of the configuration file format: one nested object per section, each leaf
 * with its type, enum, range and length limits, pattern and format where a constraint maps to one, default
 * and description; unknown keys are refused (`additionalProperties: false`). Secret defaults are left out.
 * Files spell keys the way the schema does (core also accepts other cases and `_`/`-`, the schema does not).
 */
export function buildJsonSchema(schema: SchemaModel, options: JsonSchemaOptions): JsonSchema {
  const properties: { [key: string]: JsonSchema } = {
    [CONFIG_VERSION_KEY]: {
      type: 'integer',
      minimum: 1,
      ...(options.configVersion === undefined ? {} : { maximum: options.configVersion }),
      description:
        options.configVersion === undefined
          ? "The version of this file's format."
          : `The version of this file's format; the application reads version ${options.configVersion} and migrates older files ("strata migrate").`,
    },
  };
  const root: JsonSchema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: options.title,
    type: 'object',
    properties,
    additionalProperties: false,
  };
  for (const section of schema.sections) {
    let level = properties;
    for (const segment of section.segments.slice(0, -1)) {
      level[segment] ??= { type: 'object', properties: {}, additionalProperties: false };
      level = (level[segment] as { properties: { [key: string]: JsonSchema } }).properties;
    }
    level[section.segments[section.segments.length - 1]!] = objectSchema(section, schema);
  }
  return root;
}

function objectSchema(object: ObjectSchema, schema: SchemaModel): JsonSchema {
  const properties: { [key: string]: JsonSchema } = {};
  for (const [key, field] of object.fields) properties[key] = fieldSchema(field, schema);
  for (const [key, child] of object.children) properties[key] = objectSchema(child, schema);
  return {
    type: 'object',
    ...(object.description ? { description: object.description } : {}),
    properties,
    additionalProperties: false,
  };
}

function fieldSchema(field: FieldSchema, schema: SchemaModel): JsonSchema {
  const node: JsonSchema = { ...typeSchema(field.type, field.enumValues) };
  for (const constraint of field.constraints.filter((c) => !c.each)) {
    Object.assign(node, constraintKeywords(constraint, node.type as string | undefined));
  }
  if (field.type === 'array') {
    const itemObject = field.itemClass ? schema.objectOf(field.itemClass) : undefined;
    const items: JsonSchema = itemObject
      ? objectSchema(itemObject, schema)
      : typeSchema(field.itemType ?? 'unknown', field.enumValues);
    for (const constraint of field.constraints.filter((c) => c.each)) {
      Object.assign(items, constraintKeywords(constraint, items.type as string | undefined));
    }
    node.items = items;
  }
  const description = describe(field);
  if (description) node.description = description;
  if (field.hasDefault && !field.secret) node.default = jsonValue(field.defaultValue);
  if (field.deprecated) node.deprecated = true;
  return node;
}

function typeSchema(type: FieldType, enumValues: readonly (string | number)[] | undefined): JsonSchema {
  switch (type) {
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
    case 'array':
    case 'object':
      return { type };
    case 'date':
      return { type: 'string', format: 'date-time' };
    case 'enum':
      return enumValues ? { enum: [...enumValues] } : {};
    default:
      return {};
  }
}

/**
 * The field's description as written, followed by Strata's notes (deprecated, secret, restart). A full stop
 * is added to the author's text only when a note follows it, so a plain description reads exactly as it was
 * written in `@Description` (as section descriptions do).
 */
function describe(field: FieldSchema): string | undefined {
  const parts: string[] = [];
  if (field.deprecated) {
    const { since, replacedBy } = field.deprecated;
    parts.push(
      `Deprecated${since === undefined ? '' : ` since ${since}`}${replacedBy === undefined ? '' : `; use ${replacedBy}`}.`,
    );
  }
  if (field.secret) parts.push('Secret: prefer an environment variable or a secret store to a plain file.');
  if (!field.reloadable) parts.push('A change needs a restart.');
  const own = field.description;
  if (!own) return parts.length === 0 ? undefined : parts.join(' ');
  if (parts.length === 0) return own;
  return [/[.!?]$/.test(own) ? own : `${own}.`, ...parts].join(' ');
}

function jsonValue(value: unknown): unknown {
  return value === undefined
    ? undefined
    : JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}
