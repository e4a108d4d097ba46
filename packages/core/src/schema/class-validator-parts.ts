import { createRequire } from 'node:module';
import type * as ClassValidator from 'class-validator';

/**
 * The exports of class-validator's public entry, as types only: every value below is loaded from the one
 * CommonJS file that defines it instead.
 */
export type ClassValidatorExports = typeof ClassValidator;

const require = createRequire(import.meta.url);

/**
 * One export of class-validator, loaded from the CommonJS file that defines it (`file` is relative to
 * `class-validator/cjs/`, without `.js`) rather than from its index.
 *
 * Why: `import 'class-validator'` loads 135 of its own files, 113 of validator.js and 73 of
 * libphonenumber-js (~105 ms in a fresh process), while a decorator's own file needs about a dozen. The
 * value is the very object the index re-exports (Node caches each file once), and every decorator file
 * registers into the same process-global metadata storage (`getGlobal().classValidatorMetadataStorage`), so
 * classes decorated either way validate together. The package has no `exports` map and core pins its
 * version exactly, so these paths are stable; a missing export fails loudly here rather than at validation.
 */
export function classValidatorExport<Name extends keyof ClassValidatorExports>(
  file: string,
  name: Name,
): ClassValidatorExports[Name] {
  const module = require(`class-validator/cjs/${file}.js`) as Partial<ClassValidatorExports>;
  const value = module[name];
  if (value === undefined)
    throw new Error(
      `class-validator/cjs/${file}.js has no export "${String(name)}" (class-validator 0.15.1 expected)`,
    );
  return value as ClassValidatorExports[Name];
}

/** The names of class-validator's exports that are functions. */
export type ClassValidatorFunctionName = {
  [Name in keyof ClassValidatorExports]: ClassValidatorExports[Name] extends (...args: never[]) => unknown
    ? Name
    : never;
}[keyof ClassValidatorExports];

/**
 * A function that loads class-validator's `name` from its own file on first call, then hands every call to
 * it (arguments, `this` and result unchanged). `@strata/core/rules` offers ~45 rules; a class uses a few,
 * and loading every file up front would cost ~15 ms of a cold start for nothing.
 */
export function lazyClassValidatorExport<Name extends ClassValidatorFunctionName>(
  file: string,
  name: Name,
): ClassValidatorExports[Name] {
  let target: ((...args: unknown[]) => unknown) | undefined;
  const delegate = function (this: unknown, ...args: unknown[]): unknown {
    target ??= classValidatorExport(file, name) as unknown as (...args: unknown[]) => unknown;
    return target.apply(this, args);
  };
  Object.defineProperty(delegate, 'name', { value: name });
  return delegate as unknown as ClassValidatorExports[Name];
}

/**
 * class-validator's `getMetadataStorage`, loaded on first call: only classes decorated through class-validator
 * itself (its index, or a rule `@strata/core/rules` hands to it) need its storage, and those have loaded it.
 */
export const getMetadataStorage = lazyClassValidatorExport('metadata/MetadataStorage', 'getMetadataStorage');
