import { createRequire } from 'node:module';
import { StrataError } from '@strata/core';

// eventemitter3 and inversify are loaded on first use, not when `@strata/events` is imported: an application
// that only forwards events never loads inversify, and one that imports the package for its types loads
// neither. `require` loads ES modules too on Node 20.19+ (inversify 8 is ESM only) and returns the same
// module instance an `import` would, so `ContainerModule` here is the application's own.
const load = createRequire(import.meta.url);

/** `eventemitter3`, a dependency of this package. */
export function eventEmitterModule(): typeof import('eventemitter3') {
  return load('eventemitter3') as typeof import('eventemitter3');
}

/** `inversify`, an optional peer: only the DI helpers need it. */
export function inversifyModule(): typeof import('inversify') {
  try {
    return load('inversify') as typeof import('inversify');
  } catch (error) {
    throw new StrataError(
      'DEFINITION_INVALID',
      'liveModule and bindLive need inversify, an optional peer of @strata/events: install it (npm install inversify@^8)',
      { cause: error },
    );
  }
}
