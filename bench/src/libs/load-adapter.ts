import type { LibraryAdapter } from './adapter.js';
import type { LibraryId } from './libraries.js';

/** Import only the adapter (and so only the library) that a measuring process needs. */
export async function loadAdapter(id: LibraryId): Promise<LibraryAdapter> {
  switch (id) {
    case 'strata':
      return (await import('./strata.js')).strataAdapter;
    case 'convict':
      return (await import('./convict.js')).convictAdapter;
    case 'nest-typed-config':
      return (await import('./nest-typed-config.js')).nestTypedConfigAdapter;
    case 'nestjs-config':
      return (await import('./nestjs-config.js')).nestjsConfigAdapter;
    case 'node-config':
      return (await import('./node-config.js')).nodeConfigAdapter;
    case 'c12':
      return (await import('./c12.js')).c12Adapter;
  }
}
