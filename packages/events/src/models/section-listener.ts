import type { Change } from '@strata/core';

/**
 * Called after a change inside one section (or nested class). `next` and `prev` are the frozen instances of
 * the new and the previous snapshot; `diff` holds only the changes under that class's path, secrets redacted.
 */
export type SectionListener<T extends object> = (next: T, prev: T, diff: readonly Change[]) => unknown;
