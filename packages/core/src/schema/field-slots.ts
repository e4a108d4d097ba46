import { oncePerSchema } from './once-per-schema.js';
import type { FieldSchema, ObjectSchema, SchemaModel } from '../models/schema-model.js';

/**
 * A number for every field reachable from the sections, so one load keeps its values, origins and candidates
 * in arrays indexed by field instead of maps keyed by path strings (a 10,000-key load otherwise pays for
 * several string-keyed lookups and three growing 10,000-entry maps per field and load). The fields of an
 * object have consecutive slots in the order of `object.fields`, so a walk over an object's fields counts
 * from {@link firstSlotOf} instead of looking each one up. Built once per schema.
 */
export class FieldSlots {
  /** The field in each slot. */
  readonly fields: readonly FieldSchema[];
  readonly #slotByPath = new Map<string, number>();
  readonly #firstSlot = new Map<ObjectSchema, number>();

  constructor(schema: SchemaModel) {
    const fields: FieldSchema[] = [];
    const add = (object: ObjectSchema): void => {
      this.#firstSlot.set(object, fields.length);
      for (const field of object.fields.values()) {
        this.#slotByPath.set(field.path, fields.length);
        fields.push(field);
      }
      for (const child of object.children.values()) add(child);
    };
    for (const section of schema.sections) add(section);
    this.fields = fields;
  }

  /** The number of slots: the length of every per-field array of a load. */
  get size(): number {
    return this.fields.length;
  }

  /** The slot of the field at `path`; undefined for a path that is not a field of a section. */
  slotOf(path: string): number | undefined {
    return this.#slotByPath.get(path);
  }

  /** The slot of the first of `object`'s fields; the others follow in the order of `object.fields`. */
  firstSlotOf(object: ObjectSchema): number {
    const slot = this.#firstSlot.get(object);
    if (slot === undefined) throw new Error(`no slots for the object at "${object.path}"`);
    return slot;
  }
}

/** The field slots of a schema, numbered once (schemas are cached per class list, so reloads share them). */
export const fieldSlotsOf = oncePerSchema((schema) => new FieldSlots(schema));
