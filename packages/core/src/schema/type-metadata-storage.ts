/// <reference path="./class-transformer-storage.d.ts" />
import { createRequire } from 'node:module';

type TypeStorage = typeof import('class-transformer/cjs/storage.js')['defaultMetadataStorage'];

const require = createRequire(import.meta.url);
/** Where class-transformer's storage module is (`null`: not installed), resolved once. */
let storagePath: string | null | undefined;
let storage: TypeStorage | undefined;

/**
 * class-transformer's `@Type` registry, or `undefined` while class-transformer's storage module is not loaded
 * in this process: no `@Type` can have run then, so there is nothing to find. Every `@Type` — whether imported
 * from `class-transformer` or from `@strata/core/rules` — registers through that one CommonJS module, so
 * Node's require cache says whether it is loaded. Loading it only to learn that it is empty cost a process's
 * start 30 ms or more (most schemas have no `@Type`).
 */
export function typeMetadataStorage(): TypeStorage | undefined {
  if (storage) return storage;
  if (storagePath === undefined) {
    try {
      storagePath = require.resolve('class-transformer/cjs/storage.js');
    } catch {
      storagePath = null;
    }
  }
  if (storagePath === null || require.cache[storagePath] === undefined) return undefined;
  storage = (require(storagePath) as { defaultMetadataStorage: TypeStorage }).defaultMetadataStorage;
  return storage;
}
