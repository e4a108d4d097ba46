import { AsyncLocalStorage } from 'node:async_hooks';
import { ScopeError } from '../errors/scope-error.js';
import { StrataError } from '../errors/strata-error.js';
import type { Layer } from '../models/layer.js';
import type { ScopeValues } from '../models/scope-values.js';
import type { ScopedSource } from '../models/scoped-source.js';
import type { ConfigSource, Disposable, SourceContext } from '../models/source.js';
import type { LayerStack } from '../reload/layer-stack.js';
import { loadSource } from '../reload/load-source.js';
import type { BuildLayers, ReloadTransaction } from '../reload/reload-transaction.js';
import { checkScopeValues } from './check-scope-values.js';
import { LruCache } from './lru-cache.js';
import { ScopeView } from './scope-view.js';

/** What a configuration's scopes are built from (decided at load, fixed for its life). */
export interface ScopeControllerInit {
  readonly levels: readonly string[];
  readonly sources: readonly ScopedSource[];
  readonly cacheSize: number;
  /** The service's transaction: its stack and generation in effect are what every view is built over. */
  readonly transaction: ReloadTransaction;
  readonly build: BuildLayers;
  /** Checks a layer's MACs and migrates it, as for the service's sources. */
  readonly prepare: (layer: Layer) => Layer;
  readonly context: SourceContext;
  /** Start each cached scope's sources' watchers, so an edited tenant file applies. */
  readonly watch: boolean;
}

/** One cached scope: its sources, their last loaded layers and the view built from them. */
interface ScopeEntry {
  readonly scope: ScopeValues;
  sources: readonly ConfigSource[] | undefined;
  readonly watchers: Disposable[];
  /** The scope's layers as loaded; undefined when a source changed or a reload asked for them again. */
  layers: Promise<readonly Layer[]> | undefined;
  /** The last layers that loaded, kept for a source that then fails to load (an outage, not bad content). */
  lastGood: readonly Layer[] | undefined;
  /** The view and the service stack it was built over; a new stack (any applied change) means a rebuild. */
  view: { readonly stack: LayerStack; readonly promise: Promise<ScopeView> } | undefined;
  disposed: boolean;
}

/**
 * The scopes of one configuration (`config.scope()`, `config.runInScope()`): a bounded LRU cache of scopes,
 * each with its sources, its loaded layers and its view. A view is the service's layer stack with the scope's
 * layers between the sources and the runtime overrides, run through the same build as every generation, so
 * provenance, validation and redaction hold without code of their own. Views are rebuilt lazily: an applied
 * change of the service (a new stack) or of a scope's source marks the view stale, and the next `scope()` call
 * builds it again. A scope that fails is that scope's error alone.
 */
export class ScopeController {
  readonly #init: ScopeControllerInit;
  readonly #cache: LruCache<string, ScopeEntry>;
  readonly #storage = new AsyncLocalStorage<ScopeView>();
  #closed = false;

  constructor(init: ScopeControllerInit) {
    this.#init = init;
    this.#cache = new LruCache(init.cacheSize);
  }

  /** The view of a scope, built (or taken from the cache) over the service's stack in effect. */
  async scope(values: ScopeValues): Promise<ScopeView> {
    if (this.#closed) throw new StrataError('CLOSED', 'This configuration is closed');
    const scope = checkScopeValues(values, this.#init.levels);
    const key = this.#init.levels.map((level) => scope[level] ?? '').join('\u0000');
    let entry = this.#cache.get(key);
    if (!entry) {
      entry = {
        scope,
        sources: undefined,
        watchers: [],
        layers: undefined,
        lastGood: undefined,
        view: undefined,
        disposed: false,
      };
      for (const evicted of this.#cache.set(key, entry)) this.#dispose(evicted);
    }
    const stack = this.#init.transaction.stack;
    if (entry.view?.stack !== stack) {
      const promise = this.#build(entry, stack, this.#init.transaction.current.generation);
      const view = { stack, promise };
      entry.view = view;
      // Bad content stays failed (cached) until its source or the service changes; an outage is not cached,
      // so the next call tries again. (Attached here, so it also keeps a failure nobody awaits quiet.)
      promise.catch((error: unknown) => {
        if (entry.view === view && ScopeError.is(error) && StrataError.is(error.cause, 'SOURCE_FAILED')) {
          this.#stale(entry);
        }
      });
    }
    return entry.view.promise;
  }

  /** Run `fn` with `view` as the current scope of this configuration (AsyncLocalStorage). */
  run<R>(view: ScopeView, fn: () => R): R {
    return this.#storage.run(view, fn);
  }

  /** The view `run` made current in this async context, if any. */
  get current(): ScopeView | undefined {
    return this.#storage.getStore();
  }

  /** How many scopes the cache holds. */
  get size(): number {
    return this.#cache.size;
  }

  /**
   * Load every cached scope's layers again on its next use: for `config.reload()` of all sources, or of
   * names among which is a scoped source's.
   */
  invalidate(names?: ReadonlySet<string>): void {
    if (names && !this.#init.sources.some((source) => names.has(source.name))) return;
    for (const entry of this.#cache.values()) this.#stale(entry);
  }

  /** Dispose every cached scope's watchers and sources. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#cache.clear().map((entry) => this.#dispose(entry)));
  }

  async #build(entry: ScopeEntry, stack: LayerStack, generation: number): Promise<ScopeView> {
    const layers = await this.#layers(entry);
    const built = await this.#init.build([...stack.sources, ...layers, ...stack.above], generation);
    if (!built.ok) throw new ScopeError(entry.scope, built.error);
    return new ScopeView(entry.scope, built.snapshot);
  }

  #layers(entry: ScopeEntry): Promise<readonly Layer[]> {
    entry.layers ??= this.#load(entry);
    return entry.layers;
  }

  async #load(entry: ScopeEntry): Promise<readonly Layer[]> {
    const { context, prepare } = this.#init;
    entry.sources ??= this.#sourcesOf(entry);
    const sources = entry.sources;
    const outcomes = await Promise.all(sources.map((source) => loadSource(source, context, prepare)));
    const layers: Layer[] = [];
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome.ok) {
        layers.push(outcome.layer);
        for (const warning of outcome.layer.warnings) context.logger.warn(warning);
        continue;
      }
      const kept = entry.lastGood?.[i];
      if (kept && outcome.error.code === 'SOURCE_FAILED') {
        context.logger.warn(`${outcome.error.message}; scope keeps the layer it loaded before`);
        layers.push(kept);
        continue;
      }
      throw new ScopeError(entry.scope, outcome.error);
    }
    entry.lastGood = layers;
    return layers;
  }

  /** The scope's sources, in level order then listed order; a level the scope has no value for has none. */
  #sourcesOf(entry: ScopeEntry): ConfigSource[] {
    const { levels, sources: scoped, watch, context } = this.#init;
    const created: ConfigSource[] = [];
    for (const [depth, level] of levels.entries()) {
      if (entry.scope[level] === undefined) continue;
      // A source sees the values of its level and the levels above it (a user template may name {tenant}).
      const visible: Record<string, string> = {};
      for (const outer of levels.slice(0, depth + 1)) {
        if (entry.scope[outer] !== undefined) visible[outer] = entry.scope[outer];
      }
      for (const source of scoped) {
        if (source.level === level) created.push(source.forScope(Object.freeze(visible)));
      }
    }
    if (watch) {
      for (const source of created) {
        if (!source.watch) continue;
        entry.watchers.push(
          source.watch(context, {
            changed: () => this.#stale(entry),
            failed: (error, willRetry) =>
              context.logger.warn(
                `Scope source "${source.name}" failed${willRetry ? ' (will retry)' : ''}: ${StrataError.is(error) ? error.message : 'unexpected error'}`,
              ),
            recovered: () => this.#stale(entry),
          }),
        );
      }
    }
    return created;
  }

  #stale(entry: ScopeEntry): void {
    entry.layers = undefined;
    entry.view = undefined;
  }

  async #dispose(entry: ScopeEntry): Promise<void> {
    if (entry.disposed) return;
    entry.disposed = true;
    for (const watcher of entry.watchers.splice(0)) watcher.dispose();
    // A scope pushed out while its layers load still answers the call that asked for it: release its sources
    // once that load is over, not under it.
    await entry.layers?.then(
      () => undefined,
      () => undefined,
    );
    await Promise.all(
      (entry.sources ?? []).map((source) =>
        source.dispose?.().catch((error: unknown) => {
          this.#init.context.logger.warn(
            `Scope source "${source.name}" did not release cleanly: ${error instanceof Error ? error.message : String(error)}`,
          );
        }),
      ),
    );
  }
}
