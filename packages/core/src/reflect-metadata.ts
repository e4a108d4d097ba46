import { createRequire } from 'node:module';

// Installs reflect-metadata's `Reflect.getMetadata`/`Reflect.metadata` (TypeScript's `design:type` metadata is
// stored through it) unless a polyfill is there already. Loaded with `require()`, not `import`: on Node 20 an ES
// module importing this 64 KB CommonJS file has Node scan the whole file for export names first, and the scan
// gets hot enough to be optimised on a background thread that the process then waits for at exit — 25 to 40 ms
// of a cold start, for a module whose exports nobody reads. `require()` skips the scan (about 5 ms in all).
if (typeof Reflect.getOwnMetadata !== 'function') createRequire(import.meta.url)('reflect-metadata');
