/**
 * Undoes one `override()`. `await using handle = await override(…)` restores at the end of the block;
 * `using` (synchronous) starts the restore and queues it before any later reload, so the next `override`,
 * `settle()` or `reload()` sees it, but a read right after the block may still see the override: prefer
 * `await using` or `await handle.restore()`.
 */
export interface OverrideHandle {
  /** Remove this override's values and reload. Later overrides stay. Calling it twice does nothing. */
  restore(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
  [Symbol.dispose](): void;
}

/** `Symbol.dispose`, or the well-known name a polyfill would register on runtimes without it. */
export const disposeSymbol: typeof Symbol.dispose = Symbol.dispose ?? Symbol.for('Symbol.dispose');
/** `Symbol.asyncDispose`, or the well-known name a polyfill would register on runtimes without it. */
export const asyncDisposeSymbol: typeof Symbol.asyncDispose =
  Symbol.asyncDispose ?? Symbol.for('Symbol.asyncDispose');
