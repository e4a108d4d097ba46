import type { Issue } from '../models/issue.js';
import { isPlainObject } from '../layer/layer-builder.js';
import type { Constructor, ObjectSchema, SchemaModel } from '../models/schema-model.js';
import { coerceValue } from './coerce-value.js';
import { markSecretKeys } from '../snapshot/redaction.js';
import type { FieldSlots } from '../schema/field-slots.js';
import { formatValue } from './format-value.js';
import type { ResolvedValues } from './resolve-values.js';

/** Section instances built from resolved values over the classes' defaults. Not frozen yet: validation runs first. */
export interface AssembledSections {
  /** The instance of each configuration class (sections and nested classes; the first place a class is used). */
  readonly byClass: Map<Constructor, object>;
  /** The instance at each object path (`database`, `database.pool`). */
  readonly byPath: Map<string, object>;
  /** The effective value of every field by slot ({@link FieldSlots}), defaults included. */
  readonly values: unknown[];
  readonly issues: Issue[];
}

/** Build one instance per configuration class: `new Cls()` keeps property initialisers as defaults. */
export function assembleSections(
  schema: SchemaModel,
  slots: FieldSlots,
  resolved: ResolvedValues,
): AssembledSections {
  // The resolved values become the effective ones (defaults added): one 10,000-slot array per load, not two.
  const result: AssembledSections = {
    byClass: new Map(),
    byPath: new Map(),
    values: resolved.values,
    issues: [],
  };
  for (const section of schema.sections) assembleObject(schema, slots, section, resolved, result);
  return result;
}

function assembleObject(
  schema: SchemaModel,
  slots: FieldSlots,
  object: ObjectSchema,
  resolved: ResolvedValues,
  out: AssembledSections,
): object {
  const instance = new object.cls() as Record<string, unknown>;
  let slot = slots.firstSlotOf(object);
  for (const [key, field] of object.fields) {
    const fieldSlot = slot++;
    if (resolved.origins[fieldSlot] === undefined) {
      // Not set by any source: the class default is the effective value.
      out.values[fieldSlot] = instance[key];
      continue;
    }
    const value = resolved.values[fieldSlot];
    const itemSchema = field.itemClass ? schema.objectOf(field.itemClass) : undefined;
    if (itemSchema && Array.isArray(value)) {
      const secret = field.secret || resolved.secretPaths.has(field.path);
      instance[key] = value.map((item, i) =>
        assembleItem(schema, itemSchema, item, `${field.path}[${i}]`, secret, out.issues),
      );
    } else {
      instance[key] = value;
    }
    // The map holds the resolved value: write again only when the instance holds something else (assembled
    // list items, or what a class's own setter made of it).
    if (instance[key] !== value) out.values[fieldSlot] = instance[key];
  }
  for (const [key, child] of object.children)
    instance[key] = assembleObject(schema, slots, child, resolved, out);
  out.byPath.set(object.path, instance);
  if (!out.byClass.has(object.cls)) out.byClass.set(object.cls, instance);
  return instance;
}

/** An item of an array of configuration classes: a typed value (from a file or JSON text), converted strictly. */
function assembleItem(
  schema: SchemaModel,
  object: ObjectSchema,
  item: unknown,
  path: string,
  secret: boolean,
  issues: Issue[],
): unknown {
  if (!isPlainObject(item)) {
    issues.push({
      path,
      message: `expected an object for ${object.cls.name}`,
      constraint: 'type',
      severity: 'error',
      value: formatValue(item, secret),
    });
    return item;
  }
  const instance = new object.cls() as Record<string, unknown>;
  for (const key of Object.keys(item)) {
    const field = object.fields.get(key);
    const child = object.children.get(key);
    const raw = item[key];
    if (field) {
      const converted = coerceValue(field, raw, false);
      if (converted.ok) instance[key] = converted.value;
      else
        issues.push({
          path: `${path}.${key}`,
          message: converted.message,
          constraint: 'type',
          severity: 'error',
          value: formatValue(raw, secret || field.secret),
        });
    } else if (child) {
      instance[key] = assembleItem(schema, child, raw, `${path}.${key}`, secret, issues);
    } else {
      issues.push({
        path: `${path}.${key}`,
        message: 'is not a known setting',
        constraint: 'unknownKey',
        severity: 'error',
      });
    }
  }
  const secretKeys = new Set([...object.fields.values()].filter((f) => f.secret || secret).map((f) => f.key));
  markSecretKeys(instance, secretKeys);
  return instance;
}
