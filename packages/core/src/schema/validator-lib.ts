import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let fromClassValidator: NodeJS.Require | undefined;

/**
 * One check of validator.js, loaded from its own file in `validator/lib/` on first use, from where
 * class-validator resolves it (validator.js is class-validator's dependency, not core's): the very function
 * class-validator's rule of the same name calls, so the semantics are the same, and only the checks a schema
 * uses are ever loaded. Resolving `class-validator` finds its folder without running any of its files.
 */
export function validatorLib<F extends (...args: never[]) => unknown>(name: string): () => F {
  let loaded: F | undefined;
  return () => {
    if (loaded) return loaded;
    fromClassValidator ??= createRequire(require.resolve('class-validator/cjs/index.js'));
    const module = fromClassValidator(`validator/lib/${name}`) as { default?: F } | F;
    loaded = (typeof module === 'function' ? module : module.default) as F;
    if (typeof loaded !== 'function') throw new Error(`validator/lib/${name} has no default export`);
    return loaded;
  };
}
