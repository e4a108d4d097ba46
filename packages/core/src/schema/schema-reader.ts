import '../reflect-metadata.js';
import { StrataError } from '../errors/strata-error.js';
import { assertNotBareField } from './assert-not-bare-field.js';
import { assertSectionPaths } from './assert-section-paths.js';
import { compileRules } from './compile-rules.js';
import type { FieldRules, SchemaRules } from './compiled-rule.js';
import { configurationClassOf } from './configuration-class-of.js';
import { ConstraintLists } from './constraint-lists.js';
import type { ValidationMetadata } from './constraint-rule.js';
import { classMarks, type PropertyMarks } from './decorator-metadata.js';
import { fieldSlotsOf } from './field-slots.js';
import { enumValuesOf, inferFieldType, isBuiltin, nestedClassOf } from './infer-field-type.js';
import { mergeOrders } from './merge-orders.js';
import { ObjectRules } from './object-rules.js';
import { typeMetadataStorage } from './type-metadata-storage.js';
import type {
  Constructor,
  FieldSchema,
  ObjectSchema,
  SchemaModel,
  SectionSchema,
} from '../models/schema-model.js';
import { validationMetadataOf } from './validation-metadata-of.js';
import { withSegment } from './with-segment.js';

// Most fields have no @Env names, sometimes no constraints: they share one frozen empty array each instead of
// keeping 10,000 empty ones for a 10,000-key schema.
const noNames: readonly string[] = Object.freeze([]);
// Most classes have no nested class, some no leaf: one empty map for all (read-only like the whole model).
const noEntries: ReadonlyMap<string, never> = new Map<string, never>();

/**
 * A prototype whose getter answers a secret field's `defaultValue`. The schema gets printed (console.dir of a
 * Config reaches it) and serialised: an own property, even non-enumerable, shows with `showHidden`, and JSON
 * and spreads copy own properties only. util.inspect does list the properties of an unusual prototype under
 * `showHidden` (calling getters with `getters: true`), unless that prototype's own `constructor` is a
 * built-in: so it gets `Object` as its own, like `Object.prototype` itself.
 */
function hiddenDefault(value: unknown): object {
  return Object.create(Object.prototype, {
    constructor: { value: Object, writable: true, configurable: true },
    defaultValue: { get: () => value },
  });
}

function orEmpty<T>(map: ReadonlyMap<string, T>): ReadonlyMap<string, T> {
  return map.size === 0 ? noEntries : map;
}

/** What reading a schema produces: the model every part of Strata reads, and the rules validation runs. */
export interface ReadSchemaResult {
  readonly model: SchemaModel;
  /** The compiled class-validator rules of every configuration class, array item classes included. */
  readonly rules: SchemaRules;
}

/**
 * Reads one list of `@Section` classes into a schema model and its compiled rules. One reader per read: it
 * collects the model's indexes while it walks the classes.
 */
export class SchemaReader {
  readonly #fields: FieldSchema[] = [];
  readonly #objectByPath = new Map<string, ObjectSchema>();
  readonly #objectByClass = new Map<Constructor, ObjectSchema>();
  readonly #rules = new Map<ObjectSchema, ObjectRules>();
  readonly #constraintLists = new ConstraintLists();

  /** Reads the classes; throws a `DEFINITION_INVALID` {@link StrataError} for one that cannot serve. */
  read(classes: readonly Constructor[]): ReadSchemaResult {
    const sections: SectionSchema[] = [];
    assertSectionPaths(classes);
    for (const cls of classes) {
      const path = classMarks(cls).section as string;
      const object = this.#readObject(cls, path.split('.'), [cls], true);
      // Same object, so every map that already holds it (rules, paths, classes) sees the section flag.
      sections.push(Object.assign(object, { isSection: true as const }));
    }
    const fields = this.#fields;
    const objectByPath = this.#objectByPath;
    const objectByClass = this.#objectByClass;
    const model: SchemaModel = {
      sections,
      fields,
      // The slots every load numbers the fields with (one path → slot map per schema) answer this too, instead
      // of a second 10,000-entry map for a 10,000-key schema.
      field: (path) => {
        const slots = fieldSlotsOf(model);
        const slot = slots.slotOf(path);
        return slot === undefined ? undefined : slots.fields[slot];
      },
      object: (path) => objectByPath.get(path),
      objectOf: (cls) => objectByClass.get(cls),
    };
    return { model, rules: this.#rules };
  }

  #readObject(
    cls: Constructor,
    segments: readonly string[],
    stack: readonly Constructor[],
    register: boolean,
  ): ObjectSchema {
    let instance: Record<string, unknown>;
    try {
      instance = new cls() as Record<string, unknown>;
    } catch (error) {
      throw new StrataError(
        'DEFINITION_INVALID',
        `${cls.name} must be constructible without arguments (property initialisers are its defaults)`,
        { cause: error },
      );
    }
    const marks = classMarks(cls);
    const metadata = validationMetadataOf(cls);
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const meta of metadata) {
      const list = byProperty.get(meta.propertyName);
      if (list) list.push(meta);
      else byProperty.set(meta.propertyName, [meta]);
    }
    const keys = mergeOrders([Object.keys(instance), [...byProperty.keys()], [...marks.properties.keys()]]);
    const path = segments.join('.');
    const fields = new Map<string, FieldSchema>();
    const children = new Map<string, ObjectSchema>();
    const rules: FieldRules[] = [];
    const typeStorage = typeMetadataStorage();
    for (const key of keys) {
      const metas = byProperty.get(key) ?? [];
      const propertyMarks = marks.properties.get(key) ?? {};
      const declared = Reflect.getMetadata('design:type', cls.prototype, key) as unknown;
      const typeHint = typeStorage?.findTypeMetadata(cls, key)?.typeFunction() as unknown;
      assertNotBareField(
        cls,
        key,
        instance,
        metas.length > 0 || marks.properties.has(key) || declared !== undefined || typeHint !== undefined,
      );
      const nestedClass =
        nestedClassOf(declared, typeHint) ??
        (declared === undefined && typeHint === undefined ? configurationClassOf(instance[key]) : undefined);
      const childSegments = withSegment(segments, key);
      if (nestedClass) {
        if (stack.includes(nestedClass)) {
          throw new StrataError(
            'DEFINITION_INVALID',
            `${cls.name}.${key}: ${nestedClass.name} contains itself; configuration classes cannot be recursive`,
          );
        }
        const child = this.#readObject(nestedClass, childSegments, [...stack, nestedClass], register);
        children.set(key, child);
        continue;
      }
      const fieldRules = compileRules(metas);
      const field = this.#readField({
        cls,
        key,
        segments: childSegments,
        instance,
        metas,
        propertyMarks,
        declared,
        typeHint,
        fieldRules,
        stack,
      });
      fields.set(key, field);
      rules.push(fieldRules);
      if (!register) continue;
      this.#fields.push(field);
    }
    const object: ObjectSchema =
      marks.description === undefined
        ? { cls, path, segments, fields: orEmpty(fields), children: orEmpty(children) }
        : {
            cls,
            path,
            segments,
            fields: orEmpty(fields),
            children: orEmpty(children),
            description: marks.description,
          };
    this.#rules.set(object, new ObjectRules(rules));
    if (register) this.#objectByPath.set(path, object);
    if (!this.#objectByClass.has(cls)) this.#objectByClass.set(cls, object);
    return object;
  }

  #readField(input: {
    cls: Constructor;
    key: string;
    segments: readonly string[];
    instance: Record<string, unknown>;
    metas: readonly ValidationMetadata[];
    propertyMarks: PropertyMarks;
    declared: unknown;
    typeHint: unknown;
    fieldRules: FieldRules;
    stack: readonly Constructor[];
  }): FieldSchema {
    const { key, instance, metas, propertyMarks, declared, typeHint, fieldRules } = input;
    const names = new Set(metas.filter((m) => !m.each).map((m) => m.name ?? ''));
    const defaultValue = instance[key];
    const hasDefault = defaultValue !== undefined;
    const constrained = metas.filter((m) => m.type === 'customValidation' || m.type === 'isDefined');
    const constraints = this.#constraintLists.of(constrained);
    let type = inferFieldType(declared, names, defaultValue);
    let enumValues = enumValuesOf(metas.filter((m) => !m.each));
    if (enumValues && (type === 'string' || type === 'number' || type === 'integer' || type === 'unknown'))
      type = 'enum';
    const field: { -readonly [K in keyof FieldSchema]: FieldSchema[K] } = {
      path: input.segments.join('.'),
      segments: input.segments,
      key,
      type,
      hasDefault,
      optional: fieldRules.optional,
      required: !hasDefault && !fieldRules.optional,
      secret: propertyMarks.secret === true,
      reloadable: propertyMarks.reloadable !== false,
      envNames: propertyMarks.envNames ?? noNames,
      constraints,
    };
    if (hasDefault) {
      if (propertyMarks.secret) Object.setPrototypeOf(field, hiddenDefault(defaultValue));
      else field.defaultValue = defaultValue;
    }
    if (enumValues && type === 'enum') field.enumValues = enumValues;
    if (type === 'array') {
      if (typeof typeHint === 'function' && !isBuiltin(typeHint) && typeHint !== Object) {
        const itemClass = typeHint as Constructor;
        if (input.stack.includes(itemClass)) {
          throw new StrataError(
            'DEFINITION_INVALID',
            `${input.cls.name}.${key}: ${itemClass.name} contains itself`,
          );
        }
        field.itemClass = itemClass;
        this.#readObject(itemClass, withSegment(input.segments, '*'), [...input.stack, itemClass], false);
      } else {
        const eachNames = new Set(metas.filter((m) => m.each).map((m) => m.name ?? ''));
        let itemType = inferFieldType(
          typeHint,
          eachNames,
          Array.isArray(defaultValue) ? defaultValue[0] : undefined,
        );
        enumValues = enumValuesOf(metas.filter((m) => m.each));
        if (enumValues) {
          itemType = 'enum';
          field.enumValues = enumValues;
        }
        if (itemType !== 'unknown') field.itemType = itemType;
      }
    }
    if (propertyMarks.secretSources) field.secretSources = propertyMarks.secretSources;
    if (propertyMarks.description !== undefined) field.description = propertyMarks.description;
    if (propertyMarks.deprecated) field.deprecated = propertyMarks.deprecated;
    return field;
  }
}
