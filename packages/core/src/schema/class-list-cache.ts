import type { Constructor } from '../models/schema-model.js';

/**
 * Values cached per list of classes. Keyed by the first class, then compared class by class: a schema is a
 * pure function of the classes' decorator metadata, so every load and reload of the same definition shares
 * one, whatever array holds the classes. Weakly held: classes that go away take their entries with them.
 */
export class ClassListCache<T> {
  readonly #byFirst = new WeakMap<Constructor, { classes: readonly Constructor[]; value: T }[]>();

  /** The value cached for exactly these classes in this order, or the one `build` makes (and caches). */
  get(classes: readonly Constructor[], build: () => T): T {
    const first = classes[0];
    const cached = first ? this.#byFirst.get(first) : undefined;
    const hit = cached?.find(
      (c) => c.classes.length === classes.length && c.classes.every((cls, i) => cls === classes[i]),
    );
    if (hit) return hit.value;
    const value = build();
    if (first) {
      const list = cached ?? [];
      list.push({ classes: [...classes], value });
      this.#byFirst.set(first, list);
    }
    return value;
  }
}
