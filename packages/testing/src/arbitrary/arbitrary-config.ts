import {
  type Constructor,
  type FieldSchema,
  type ObjectSchema,
  readSchema,
  type SchemaModel,
} from '@strata/core';
import fc from 'fast-check';
import type { DeepPartial } from '../deep-partial.js';
import type { SectionValues } from '../section-values.js';
import { TestingError } from '../testing-error.js';
import { arbitraryLeaf } from './arbitrary-leaf.js';
import { fieldRules } from './field-rules.js';

/** Options of {@link arbitraryConfig} and `arbitraryInvalid`. */
export interface ArbitraryOptions {
  /**
   * Generators for fields the schema's rules cannot describe (a custom constraint), by dotted path
   * (`'database.url'`). They must produce valid values.
   */
  readonly fields?: Readonly<Record<string, fc.Arbitrary<unknown>>>;
  /** Longest generated array. @default 4 */
  readonly maxItems?: number;
}

/**
 * Valid values for a `@Section` class, read from its schema: ranges, lengths, enums, patterns, the string
 * formats class-validator names (`isEmail`, `isUrl`, `isIP`, `isFQDN`, `isUUID`, `isPort`), nested classes
 * and arrays. Optional fields are sometimes left out. A field with a constraint it cannot read (a custom one)
 * needs a generator in `options.fields`, or this throws naming it.
 */
export function arbitraryConfig<T extends object>(
  section: Constructor<T>,
  options: ArbitraryOptions = {},
): fc.Arbitrary<SectionValues<T>> {
  const schema = readSchema([section]);
  const object = schema.objectOf(section);
  if (!object) throw new TestingError(`${section.name} is not a @Section class`);
  return arbitraryObject(object, schema, options).map((values) => ({
    section,
    // The generated tree holds the section's own plain values: a full DeepPartial<T>.
    values: values as DeepPartial<T>,
  }));
}

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
export function arbitraryField(
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
