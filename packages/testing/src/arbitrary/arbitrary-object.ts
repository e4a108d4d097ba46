import type { FieldSchema, ObjectSchema, SchemaModel } from '@strata/core';
import fc from 'fast-check';
import { TestingError } from '../testing-error.js';
import { arbitraryLeaf } from './arbitrary-leaf.js';
import type { ArbitraryOptions } from './arbitrary-options.js';
import { fieldRules } from './field-rules.js';

/** Valid values for one configuration class of `schema` (a section or a nested class), as a plain tree. */
export function arbitraryObject(
  object: ObjectSchema,
  schema: SchemaModel,
  options: ArbitraryOptions,
): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const [key, field] of object.fields) {
    const arbitrary = arbitraryField(field, schema, options);
    if (!arbitrary) continue;
    model[key] = arbitrary;
    if (!field.optional) requiredKeys.push(key);
  }
  for (const [key, child] of object.children) {
    model[key] = arbitraryObject(child, schema, options);
    requiredKeys.push(key);
  }
  return fc.record(model, { requiredKeys });
}

/** Values for one field, or undefined for a field to leave at its default (a free-form object). */
function arbitraryField(
  field: FieldSchema,
  schema: SchemaModel,
  options: ArbitraryOptions,
): fc.Arbitrary<unknown> | undefined {
  const given = options.fields?.[field.path];
  if (given) return given;
  const rules = fieldRules(field, false);
  const unreadable = [...rules.unknown, ...(field.type === 'array' ? fieldRules(field, true).unknown : [])];
  if (unreadable.length > 0) {
    throw new TestingError(
      `${field.path} has constraints arbitraryConfig cannot generate values for (${unreadable.join(', ')}); ` +
        `pass a generator for it: arbitraryConfig(Section, { fields: { '${field.path}': … } })`,
    );
  }
  if (field.type === 'array') {
    const itemObject = field.itemClass ? schema.objectOf(field.itemClass) : undefined;
    const item = itemObject
      ? arbitraryObject(itemObject, schema, options)
      : arbitraryLeaf(field.itemType ?? 'string', fieldRules(field, true), undefined);
    const minLength = rules.minItems ?? 0;
    return fc.array(item, {
      minLength,
      maxLength: Math.min(rules.maxItems ?? Infinity, minLength + (options.maxItems ?? 4)),
    });
  }
  if (field.type === 'object' || field.type === 'unknown') {
    if (field.hasDefault || field.optional) return undefined;
    throw new TestingError(
      `${field.path} is a free-form ${field.type} value; pass a generator for it in options.fields`,
    );
  }
  return arbitraryLeaf(field.type, rules, field.enumValues);
}
