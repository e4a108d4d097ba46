/// <reference path="./class-transformer-storage.d.ts" />
import 'reflect-metadata';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { StrataError } from '../errors/strata-error.js';
import { getMetadataStorage } from './class-validator-parts.js';
import type { FieldRules } from './compiled-rule.js';
import { ConstraintRule, noArgs, ruleName, type ValidationMetadata } from './constraint-rule.js';
import { mergeOrders } from './merge-orders.js';
import { classMarks, type PropertyMarks } from './decorator-metadata.js';
import type {
  ConstraintInfo,
  Constructor,
  FieldSchema,
  FieldType,
  ObjectSchema,
  SchemaModel,
  SectionSchema,
} from './schema-model.js';

type Condition = FieldRules['conditions'][number];

const rulesByObject = new WeakMap<ObjectSchema, ReadonlyMap<string, FieldRules>>();

// Most fields have no @Env names, no @ValidateIf conditions, sometimes no constraints: they share one frozen
// empty array each instead of keeping 10,000 empty ones for a 10,000-key schema.
const noNames: readonly string[] = Object.freeze([]);
const noConstraints: readonly ConstraintInfo[] = Object.freeze([]);
const noRules: FieldRules['rules'] = Object.freeze([]);
const noConditions: readonly Condition[] = Object.freeze([]);
// Most classes have no nested class, some no leaf: one empty map for all (read-only like the whole model).
const noEntries: ReadonlyMap<string, never> = new Map<string, never>();

function orEmpty<T>(map: ReadonlyMap<string, T>): ReadonlyMap<string, T> {
  return map.size === 0 ? noEntries : map;
}

/** The compiled rules of every property of an object schema (also for array item classes). */
export function objectRules(object: ObjectSchema): ReadonlyMap<string, FieldRules> {
  return rulesByObject.get(object) ?? new Map();
}

// Keyed by the first class, then compared class by class: a schema is a pure function of the classes'
// decorator metadata, so every load and reload of the same definition shares one, whatever array holds them.
const schemaCache = new WeakMap<Constructor, { classes: readonly Constructor[]; model: SchemaModel }[]>();

/**
 * Read the schema of the given `@Section` classes once from their decorators: class-validator constraints,
 * class-transformer `@Type`, Strata's own marks, `design:type` metadata and property initialisers. The result
 * is cached per list of classes. Throws a `DEFINITION_INVALID` {@link StrataError} for a class that cannot
 * serve as configuration.
 */
export function readSchema(sections: readonly Constructor[]): SchemaModel {
  const first = sections[0];
  const cached = first ? schemaCache.get(first) : undefined;
  const hit = cached?.find(
    (c) => c.classes.length === sections.length && c.classes.every((cls, i) => cls === sections[i]),
  );
  if (hit) return hit.model;
  const model = new SchemaReader().read(sections);
  if (first) {
    const list = cached ?? [];
    list.push({ classes: [...sections], model });
    schemaCache.set(first, list);
  }
  return model;
}

class SchemaReader {
  readonly #fields: FieldSchema[] = [];
  readonly #fieldByPath = new Map<string, FieldSchema>();
  readonly #objectByPath = new Map<string, ObjectSchema>();
  readonly #objectByClass = new Map<Constructor, ObjectSchema>();

  read(classes: readonly Constructor[]): SchemaModel {
    const sections: SectionSchema[] = [];
    assertSectionsDisjoint(classes);
    for (const cls of classes) {
      const path = classMarks(cls).section as string;
      const object = this.#readObject(cls, path.split('.'), [cls], true);
      // Same object, so every map that already holds it (rules, paths, classes) sees the section flag.
      sections.push(Object.assign(object, { isSection: true as const }));
    }
    const fields = this.#fields;
    const fieldByPath = this.#fieldByPath;
    const objectByPath = this.#objectByPath;
    const objectByClass = this.#objectByClass;
    return {
      sections,
      fields,
      field: (path) => fieldByPath.get(path),
      object: (path) => objectByPath.get(path),
      objectOf: (cls) => objectByClass.get(cls),
    };
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
    const rules = new Map<string, FieldRules>();
    for (const key of keys) {
      const metas = byProperty.get(key) ?? [];
      const propertyMarks = marks.properties.get(key) ?? {};
      const declared = Reflect.getMetadata('design:type', cls.prototype, key) as unknown;
      const typeHint = defaultMetadataStorage.findTypeMetadata(cls, key)?.typeFunction() as unknown;
      const nestedClass = nestedClassOf(declared, typeHint);
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
      rules.set(key, fieldRules);
      if (!register) continue;
      this.#fields.push(field);
      this.#fieldByPath.set(field.path, field);
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
    rulesByObject.set(object, rules);
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
    const constraints = constrained.length === 0 ? noConstraints : constrained.map(constraintInfo);
    let type = typeFromDeclared(declared, names, defaultValue);
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
      // A secret's default must not show when the schema is printed (console.dir of a Config reaches it).
      Object.defineProperty(field, 'defaultValue', {
        value: defaultValue,
        enumerable: !propertyMarks.secret,
      });
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
        let itemType = typeFromDeclared(
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

/** The rules of every property without class-validator decorators. */
const noFieldRules: FieldRules = Object.freeze({
  rules: noRules,
  optional: false,
  conditions: noConditions,
  defined: false,
});

/** The class-validator rules of one property, compiled once. */
function compileRules(metas: readonly ValidationMetadata[]): FieldRules {
  if (metas.length === 0) return noFieldRules;
  let optional = false;
  let defined = false;
  for (const meta of metas) {
    if (meta.type === 'isDefined') defined = true;
    else if (meta.type === 'conditionalValidation' && meta.name === 'isOptional') optional = true;
  }
  // filter + map: `map` makes arrays of exactly the right size, where `push` leaves room for up to 17 items.
  const custom = metas.filter((m) => m.type === 'customValidation');
  const conditional = metas.filter((m) => m.type === 'conditionalValidation' && m.name !== 'isOptional');
  return {
    rules: custom.length === 0 ? noRules : custom.map((meta) => new ConstraintRule(meta)),
    optional,
    conditions:
      conditional.length === 0 ? noConditions : conditional.map((meta) => meta.constraints[0] as Condition),
    defined,
  };
}

const builtins = new Set<unknown>([
  String,
  Number,
  Boolean,
  Date,
  Array,
  Object,
  Function,
  Promise,
  Map,
  Set,
  BigInt,
  Symbol,
]);

function isBuiltin(value: unknown): boolean {
  return builtins.has(value);
}

function nestedClassOf(declared: unknown, typeHint: unknown): Constructor | undefined {
  if (declared === Array) return undefined;
  const candidate = typeof typeHint === 'function' ? typeHint : declared;
  if (typeof candidate !== 'function' || isBuiltin(candidate)) return undefined;
  return candidate as Constructor;
}

function typeFromDeclared(declared: unknown, names: ReadonlySet<string>, sample: unknown): FieldType {
  if (names.has('isInt')) return 'integer';
  if (declared === Number || names.has('isNumber') || names.has('isPositive') || names.has('isNegative'))
    return 'number';
  if (declared === Boolean || names.has('isBoolean')) return 'boolean';
  if (declared === Date || names.has('isDate')) return 'date';
  if (declared === Array || names.has('isArray')) return 'array';
  if (declared === String || names.has('isString')) return 'string';
  if (names.has('isObject')) return 'object';
  if (declared === Object && sample === undefined) return 'unknown';
  switch (typeof sample) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'object':
      if (sample instanceof Date) return 'date';
      if (Array.isArray(sample)) return 'array';
      return sample === null ? 'unknown' : 'object';
    default:
      return declared === Object ? 'object' : 'unknown';
  }
}

function enumValuesOf(metas: readonly ValidationMetadata[]): (string | number)[] | undefined {
  for (const meta of metas) {
    if (meta.name === 'isIn' && Array.isArray(meta.constraints?.[0]))
      return [...(meta.constraints[0] as (string | number)[])];
    if (meta.name === 'isEnum' && Array.isArray(meta.constraints?.[1]))
      return [...(meta.constraints[1] as (string | number)[])];
  }
  return undefined;
}

// Constraints without arguments (`isInt`, `isString`…) read the same on every field: one frozen object per
// name, for single items and for `each`.
const bareConstraints = [new Map<string, ConstraintInfo>(), new Map<string, ConstraintInfo>()] as const;

function constraintInfo(meta: ValidationMetadata): ConstraintInfo {
  const name = ruleName(meta);
  const each = meta.each === true;
  // IsEnum stores the enum object first; the list of values is the useful, printable part. Other arguments
  // are the metadata's own (read-only) array, which the compiled rule holds too.
  const args = meta.name === 'isEnum' ? [meta.constraints?.[1]] : (meta.constraints ?? noArgs);
  if (args.length > 0) return { name, args, each };
  const shared = bareConstraints[each ? 1 : 0];
  let info = shared.get(name);
  if (!info) {
    info = Object.freeze({ name, args: noArgs, each });
    shared.set(name, info);
  }
  return info;
}

/**
 * `[...segments, key]` at exact size: a spread leaves room to grow, and the schema keeps a segment list per
 * field (about 200 bytes each for two segments, 64 at exact size). Array literals are exact; `concat` is
 * exact too but several times slower, so it serves only the rare deep paths.
 */
function withSegment(segments: readonly string[], key: string): readonly string[] {
  switch (segments.length) {
    case 1:
      return [segments[0]!, key];
    case 2:
      return [segments[0]!, segments[1]!, key];
    case 3:
      return [segments[0]!, segments[1]!, segments[2]!, key];
    default:
      return segments.concat(key);
  }
}

/** Every class has a `@Section`, and no section path equals or contains another (sorted: one pass). */
function assertSectionsDisjoint(classes: readonly Constructor[]): void {
  const paths: { path: string; name: string }[] = [];
  for (const cls of classes) {
    const section = classMarks(cls).section;
    if (section === undefined) {
      throw new StrataError(
        'DEFINITION_INVALID',
        `${cls.name} is listed in "sections" but has no @Section(path) decorator`,
      );
    }
    paths.push({ path: section, name: cls.name });
  }
  // After sorting, a path that equals or contains another sorts right before it ("a" < "a.b" < "a.c"; "a-b" and "a/b" sort between, so compare with the nearest earlier prefix).
  paths.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const open: { path: string; name: string }[] = [];
  for (const current of paths) {
    while (open.length > 0 && !isSameOrInside(current.path, open[open.length - 1]!.path)) open.pop();
    const parent = open[open.length - 1];
    if (parent) {
      throw new StrataError(
        'DEFINITION_INVALID',
        `@Section("${current.path}") on ${current.name} overlaps @Section("${parent.path}") on ${parent.name}; nest one class inside the other instead`,
      );
    }
    open.push(current);
  }
}

function isSameOrInside(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}.`);
}

type MetadataMap = Map<Function, ValidationMetadata[]>;

/**
 * A class's class-validator metadata, its ancestors' included, the way `getTargetValidationMetadatas` computes
 * it, but by walking the class's own prototype chain: class-validator's version checks every class registered
 * in the process for inheritance, which makes reading a large schema quadratic.
 */
function validationMetadataOf(cls: Constructor): ValidationMetadata[] {
  const storage = getMetadataStorage();
  const byTarget = (storage as unknown as { validationMetadatas?: unknown }).validationMetadatas;
  if (!(byTarget instanceof Map)) return storage.getTargetValidationMetadatas(cls, '', true, false);
  const map = byTarget as MetadataMap;
  const own = map.get(cls) ?? [];
  const result = [...own];
  for (
    let parent = Object.getPrototypeOf(cls);
    typeof parent === 'function' && parent !== Function.prototype;
    parent = Object.getPrototypeOf(parent)
  ) {
    for (const inherited of map.get(parent) ?? []) {
      if (!own.some((m) => m.propertyName === inherited.propertyName && m.type === inherited.type))
        result.push(inherited);
    }
  }
  return result;
}
