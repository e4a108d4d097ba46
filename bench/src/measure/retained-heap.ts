import type { FixtureContext, LibraryAdapter, LoadedConfig } from '../libs/adapter.js';
import type { LibraryId } from '../libs/libraries.js';
import { loadAdapter } from '../libs/load-adapter.js';

/** Heap figures of one library in a fresh process, in bytes. */
export interface HeapResult {
  /** Library code and schema (classes, decorator metadata, convict schema, …) before anything is loaded. */
  readonly libraryAndSchemaBytes: number;
  /** What loading the configuration adds and keeps (the loaded values, caches, compiled rules, …). */
  readonly retainedBytes: number;
  /** Both. */
  readonly totalBytes: number;
}

const kept: LoadedConfig[] = [];

/**
 * `heapUsed` after full GCs: before importing the library, after building its schema, and after loading
 * (with a reference kept so nothing loaded can be collected).
 */
export async function measureRetainedHeap(id: LibraryId, context: FixtureContext): Promise<HeapResult> {
  const gc = globalThis.gc;
  if (!gc) throw new Error('run with --expose-gc');
  const settle = (): number => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const h0 = settle();
  const adapter: LibraryAdapter = await loadAdapter(id);
  const prepared = await adapter.prepare(context);
  const h1 = settle();
  const loaded = await (prepared.loadFirst ?? prepared.load)();
  kept.push(loaded);
  const h2 = settle();
  return { libraryAndSchemaBytes: h1 - h0, retainedBytes: h2 - h1, totalBytes: h2 - h0 };
}
