import type { ObjectSchema, SchemaModel } from '../models/schema-model.js';
import { oncePerSchema } from '../schema/once-per-schema.js';

// Kept apart from the schema reader's marks: only interpolation reads it, and the set is tiny.
const marked = new WeakMap<Function, Set<string>>();

/**
 * Marks a value whose text is never a template: `${…}` and `$${` in it stay as written (a password, a shell
 * snippet, a URL template meant for another program). Interpolation is also off per source
 * (`ConfigSource.interpolate`) and per definition (`interpolation: { skip }`).
 *
 * @example `@NoInterpolation() @IsString() greeting = 'Hello ${name}';`
 */
export function NoInterpolation(): PropertyDecorator {
  return (prototype, key) => {
    if (typeof key !== 'string')
      throw new TypeError('Strata decorators apply to string-named properties only');
    const owner = prototype.constructor;
    let keys = marked.get(owner);
    if (!keys) {
      keys = new Set();
      marked.set(owner, keys);
    }
    keys.add(key);
  };
}

/** The paths of every `@NoInterpolation()` field of a schema (the marks of parent classes count). */
export const noInterpolationPaths = oncePerSchema((schema: SchemaModel): ReadonlySet<string> => {
  const paths = new Set<string>();
  const visit = (object: ObjectSchema): void => {
    for (const [key, field] of object.fields) if (isMarked(object.cls, key)) paths.add(field.path);
    for (const child of object.children.values()) visit(child);
  };
  for (const section of schema.sections) visit(section);
  return paths;
});

function isMarked(cls: Function, key: string): boolean {
  for (
    let c: unknown = cls;
    typeof c === 'function' && c !== Function.prototype;
    c = Object.getPrototypeOf(c)
  ) {
    if (marked.get(c as Function)?.has(key)) return true;
  }
  return false;
}
