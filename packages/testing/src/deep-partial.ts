/**
 * Any part of a configuration class's values, nested classes included. Arrays, dates and other leaves are
 * whole: a layer replaces an array, it never merges into one, so a partial array would not mean anything.
 * Methods and getters are left out, since no source can set them.
 */
export type DeepPartial<T> = T extends readonly unknown[] | Date | string | number | boolean | bigint | null
  ? T
  : T extends object
    ? {
        // `Function` is the only type every method is assignable to.
        [K in keyof T as T[K] extends Function ? never : K]?: DeepPartial<T[K]>;
      }
    : T;
