/** What a flag can hold: a boolean, a string, a number or a small object (JSON-shaped). */
export type FlagValue = boolean | string | number | { readonly [key: string]: unknown };

/** The kind of a flag's value, taken from the value its field holds (the default in code, or a source's). */
export type FlagValueType = 'boolean' | 'string' | 'number' | 'object';

/** The kind of a value, or undefined when it cannot be a flag's value (null, a list, a function). */
export function flagValueTypeOf(value: unknown): FlagValueType | undefined {
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    case 'number':
      return Number.isFinite(value) ? 'number' : undefined;
    case 'object':
      return value !== null && !Array.isArray(value) && !(value instanceof Date) ? 'object' : undefined;
    default:
      return undefined;
  }
}
