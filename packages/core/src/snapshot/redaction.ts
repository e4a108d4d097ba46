import { inspect } from 'node:util';
import { REDACTED } from './redacted.js';
import type { ObjectSchema, SchemaModel } from '../models/schema-model.js';

const secretKeys = Symbol.for('@strata/core/secretKeys');
const installed = new WeakSet<object>();
const redactedSchemas = new WeakSet<SchemaModel>();
/** Each configuration class's properties in declaration order, so printed views follow the schema. */
const keyOrder = new WeakMap<object, readonly string[]>();
const none: ReadonlySet<string> = new Set();

/**
 * Give every configuration class a `toJSON` and a `util.inspect` view that print `[redacted]` for secret
 * properties, so `console.log`, `JSON.stringify` and loggers never show them, while code reading the property
 * gets the value. A class that defines its own `toJSON` keeps it.
 */
export function installRedaction(schema: SchemaModel): void {
  if (redactedSchemas.has(schema)) return;
  redactedSchemas.add(schema);
  const visit = (cls: Function): void => {
    const prototype = cls.prototype as object;
    if (installed.has(prototype)) return;
    installed.add(prototype);
    if (!Object.hasOwn(prototype, 'toJSON')) {
      Object.defineProperty(prototype, 'toJSON', {
        value: function toJSON(this: object) {
          return redactedView(this);
        },
        configurable: true,
        writable: true,
      });
    }
    Object.defineProperty(prototype, inspect.custom, {
      value: function inspectConfig(this: object, _depth: number, options: object, nested: typeof inspect) {
        return `${this.constructor.name} ${(nested ?? inspect)(redactedView(this), options)}`;
      },
      configurable: true,
      writable: true,
    });
  };
  const walk = (object: ObjectSchema): void => {
    visit(object.cls);
    if (!keyOrder.has(object.cls.prototype))
      keyOrder.set(object.cls.prototype, [...object.fields.keys(), ...object.children.keys()]);
    for (const child of object.children.values()) walk(child);
  };
  for (const section of schema.sections) walk(section);
  for (const field of schema.fields) {
    const item = field.itemClass ? schema.objectOf(field.itemClass) : undefined;
    if (item) walk(item);
  }
}

/**
 * Record which properties of an instance are secret (schema `@Secret`, or a secret origin such as Vault) and
 * make them non-enumerable: code reading `section.password` still gets the value, but nothing that walks an
 * object's properties (`console.dir`, `console.table`, `{ ...section }`, `Object.entries`, loggers that bypass
 * `toJSON`) comes across it.
 */
export function markSecretKeys(instance: object, keys: ReadonlySet<string>): void {
  if (keys.size === 0) return;
  Object.defineProperty(instance, secretKeys, { value: keys, enumerable: false });
  for (const key of keys) {
    if (!Object.hasOwn(instance, key)) continue;
    const value = (instance as Record<string, unknown>)[key];
    Object.defineProperty(instance, key, { value, enumerable: false, writable: true, configurable: true });
  }
}

/** A plain copy of an instance's own properties with secrets replaced by `[redacted]`. */
export function redactedView(instance: object): Record<string, unknown> {
  const secrets =
    ((instance as Record<symbol, unknown>)[secretKeys] as ReadonlySet<string> | undefined) ?? none;
  const view: Record<string, unknown> = {};
  // Own names, not keys: secret properties are non-enumerable but still belong in the (redacted) view.
  // Declared properties first, in declaration order, then anything else the instance has.
  const declared = keyOrder.get(Object.getPrototypeOf(instance)) ?? [];
  const names = new Set([
    ...declared.filter((key) => Object.hasOwn(instance, key)),
    ...Object.getOwnPropertyNames(instance),
  ]);
  for (const key of names) {
    const value = (instance as Record<string, unknown>)[key];
    if (secrets.has(key)) view[key] = value !== undefined && value !== null ? REDACTED : value;
    else if (Object.prototype.propertyIsEnumerable.call(instance, key)) view[key] = value;
  }
  return view;
}
