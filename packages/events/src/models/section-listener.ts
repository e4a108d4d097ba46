import type { Change, ReadonlyDeep } from '@strata/core';

/**
 * Called after a change inside one section (or nested class). `next` and `prev` are the frozen instances of
 * the new and the previous snapshot (typed read-only, deeply, as they are frozen); `diff` holds only the changes under that class's path, secrets redacted.
 */
export type SectionListener<T extends object> = (
  next: ReadonlyDeep<T>,
  prev: ReadonlyDeep<T>,
  diff: readonly Change[],
) => unknown;
