import type { ConfigSource } from '../models/source.js';

/**
 * Abort in-flight loads, let `settle` finish (a reload that was running), then dispose every source: what a
 * failed start-up and `close()` both do, so nothing keeps the process alive afterwards.
 */
export async function releaseSources(
  abort: AbortController,
  sources: readonly ConfigSource[],
  settle?: Promise<unknown>,
): Promise<void> {
  abort.abort();
  await settle?.catch(() => undefined);
  await Promise.all(sources.map((source) => source.dispose?.()));
}
