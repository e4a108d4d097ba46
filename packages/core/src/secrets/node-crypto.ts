import { createRequire } from 'node:module';

let loaded: typeof import('node:crypto') | undefined;

/**
 * `node:crypto`, loaded on first use. Importing it costs 10–20 ms of a process's start (a large share of a
 * small configuration's cold start), and a load without encrypted values, keyrings or a sealed cache never
 * calls it.
 */
export function nodeCrypto(): typeof import('node:crypto') {
  loaded ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return loaded;
}
