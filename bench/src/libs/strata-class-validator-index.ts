import type { LibraryAdapter } from './adapter.js';
import { sectionClass } from './class-validator-schema.js';
import { strataAdapterWith } from './strata-adapter.js';

/**
 * Strata with its classes decorated from class-validator's index (`import { IsInt } from
 * 'class-validator'`) instead of `@strata/core/rules`; everything else as in the recommended `strataAdapter`. Measured in
 * the cold-start suite only, to show what the index costs a fresh process.
 */
export const strataClassValidatorIndexAdapter: LibraryAdapter = strataAdapterWith(sectionClass);
