import { inspect } from 'node:util';
import { StrataError } from '../errors/strata-error.js';
import type { ConfigEvents } from '../events/config-events.js';
import type { Issue } from '../models/issue.js';
import type { LeafValue } from '../models/layer.js';
import type { ConfigSource, Disposable } from '../models/source.js';
import type { EnvironmentSource } from '../models/environment-source.js';
import type { Unsubscribe } from '../models/unsubscribe.js';
import type { Constructor, FieldSchema, SchemaModel } from '../models/schema-model.js';
import type { ReadonlyDeep } from '../models/readonly-deep.js';
import type { Explanation, Snapshot } from '../snapshot/snapshot.js';
import type { ConfigParts } from './config-parts.js';
import { describeInputs } from './describe-inputs.js';
import { overlayLayer } from './overlay-layer.js';
import type { HistoryEntry } from '../reload/history-entry.js';
import type { ReloadResult } from '../reload/reload-result.js';
import { releaseSources } from '../reload/release-sources.js';
import type { RuntimeOverrides } from '../overrides/runtime-overrides.js';
import type { ScopeValues } from '../models/scope-values.js';
import type { ScopeView } from '../scope/scope-view.js';

/**
 * A loaded configuration: the current snapshot, its sources and, when watching, the reload transaction that
 * keeps it current. A thin facade: the transaction, the queue, the history and the event hub do the work.
 * Create it with {@link loadConfig}.
 */
export class Config {
  readonly environment: string;
  /** Which input decided {@link environment}: the option, a variable, the Kubernetes namespace, CI, or the default. */
  readonly environmentSource: EnvironmentSource;
  readonly schema: SchemaModel;
  /** Failures of optional sources at start-up (the configuration started without them). */
  readonly startupFailures: readonly ConfigEvents['sourceFailed'][];
  readonly #parts: ConfigParts;
  readonly #watchers: Disposable[] = [];
  #closed = false;

  // Private so that its parameter (internal collaborators) stays out of the published declarations;
  // `createConfig` is its one caller.
  private constructor(parts: ConfigParts) {
    this.environment = parts.environment;
    this.environmentSource = parts.environmentSource;
    this.schema = parts.schema;
    this.startupFailures = parts.startupFailures;
    this.#parts = parts;
    if (parts.watch) this.#startWatching();
  }

  /** The snapshot in effect. Hold on to it to read several values that belong together. */
  get snapshot(): Snapshot {
    return this.#parts.transaction.current;
  }

  /** The generation in effect. */
  get generation(): number {
    return this.snapshot.generation;
  }

  /** Non-fatal problems of the snapshot in effect. */
  get warnings(): readonly Issue[] {
    return this.snapshot.warnings;
  }

  /** True after `close()`. */
  get closed(): boolean {
    return this.#closed;
  }

  /** The `@Reloadable(false)` paths whose changed values wait for a restart. */
  get awaitingRestart(): readonly string[] {
    return this.#parts.transaction.awaitingRestart;
  }

  /** The sources, in precedence order. */
  get sources(): readonly ConfigSource[] {
    return this.#parts.sources;
  }

  /**
   * The runtime override layer: values set while the process runs, above every source, each change applied
   * (or refused) as one reload transaction. See {@link RuntimeOverrides}.
   *
   * @example await config.overrides.set('log.level', 'debug', { actor: 'alice', ttlMs: 600_000 });
   */
  get overrides(): RuntimeOverrides {
    return this.#parts.overrides;
  }

  /**
   * The configuration as one scope sees it: the service's sources, then the scope's layers (its tenant's, then
   * its user's, from the definition's `scopes.sources`), then the runtime overrides, validated like any
   * generation. Views are cached (LRU, `scopes.cacheSize`) and rebuilt after a change. Rejects with
   * `SCOPE_INVALID` for values that cannot select a scope (an unknown level; `/`, `\`, `..`, NUL and other path
   * characters in a value) and with a `ScopeError` (`SCOPE_FAILED`) when that scope's layers fail to load or
   * make it invalid; the service and other scopes carry on.
   *
   * @example const acme = await config.scope({ tenant: 'acme', user: 'u-42' }); acme.get(LimitsConfig);
   */
  scope(values: ScopeValues): Promise<ScopeView> {
    if (this.#closed) return Promise.reject(new StrataError('CLOSED', 'This configuration is closed'));
    return this.#parts.scopes.scope(values);
  }

  /**
   * Run `fn` in a scope: inside it (and everything it awaits), {@link currentScope} is the scope's view and
   * sections injected through `strataModule` are the scope's. Built on AsyncLocalStorage, so it follows the
   * request through any framework: call it in a middleware around the handler.
   *
   * @example app.use((req, res, next) => config.runInScope({ tenant: req.get('x-tenant') }, next));
   */
  async runInScope<R>(values: ScopeValues, fn: () => R | PromiseLike<R>): Promise<R> {
    const view = await this.scope(values);
    return await this.#parts.scopes.run(view, fn);
  }

  /** The scope view `runInScope` made current here, or undefined outside one. */
  get currentScope(): ScopeView | undefined {
    return this.#parts.scopes.current;
  }

  /**
   * The frozen instance of a section (or nested) class in the current snapshot; with `name`, the section bound
   * under that name (`config.get(DatabaseConfig, 'replica')`, see `namedSection`).
   */
  get<T extends object>(cls: Constructor<T>, name?: string): ReadonlyDeep<T> {
    return this.snapshot.get(cls, name);
  }

  /** Why `path` has its value. */
  explain(path: string): Explanation | undefined {
    return this.snapshot.explain(path);
  }

  /** How `field` can be set, highest precedence first. */
  describeInputs(field: FieldSchema): readonly string[] {
    return describeInputs(this.#parts.sources, this.#parts.context, field);
  }

  /**
   * Subscribe to an event. Returns the handle that unsubscribes: call it, or `dispose()` it — the same
   * {@link Unsubscribe} every subscription in Strata returns.
   */
  on<K extends keyof ConfigEvents>(event: K, listener: (event: ConfigEvents[K]) => void): Unsubscribe {
    return this.#parts.events.on(event, listener);
  }

  /** Subscribe to the next occurrence of an event. */
  once<K extends keyof ConfigEvents>(event: K, listener: (event: ConfigEvents[K]) => void): Unsubscribe {
    const off = this.on(event, (payload) => {
      off();
      listener(payload);
    });
    return off;
  }

  /**
   * Load the sources again (all, or those named), validate, and swap in the result as one transaction. An
   * invalid result is rejected: the current snapshot stays and a `rejected` event carries the error.
   */
  reload(options: { sources?: readonly string[]; reason?: string } = {}): Promise<ReloadResult> {
    this.#assertOpen();
    const { sources, queue, transaction } = this.#parts;
    const names = new Set(options.sources ?? sources.map((s) => s.name));
    // Reloading every source (or a scoped one) reads the scopes' sources again too, each on its next use.
    this.#parts.scopes.invalidate(options.sources === undefined ? undefined : new Set(options.sources));
    const reasons = [{ source: 'reload', detail: options.reason ?? 'reload() called' }];
    return queue.enqueue(() => transaction.reload(names, reasons));
  }

  /**
   * A snapshot with `values` laid over the current configuration, validated like any other but not swapped
   * in: for a tenant, a test or a child container. Keys may be dotted paths (`{ 'server.port': 8080 }`).
   * Throws the `ConfigValidationError` when invalid, an `UNSAFE_KEY` error for a key that reaches a prototype.
   */
  async derive(values: { readonly [key: string]: LeafValue }, name = 'overlay'): Promise<Snapshot> {
    this.#assertOpen();
    const built = await this.#parts.transaction.preview([overlayLayer(values, name)]);
    if (!built.ok) throw built.error;
    return built.snapshot;
  }

  /** The generations kept (newest last), with their diffs and reasons. */
  history(): readonly HistoryEntry[] {
    return this.#parts.history.entries();
  }

  /**
   * Re-apply the values of an earlier generation as a new generation, validated again: its sources' layers
   * and its runtime overrides (an override set after that generation goes; one deleted since comes back, and
   * lapses at once if its time is up). The sources keep watching: the next change they report loads from them
   * as usual. Rejects with `UNKNOWN_GENERATION` for a
   * generation the history no longer (or never) held.
   */
  rollback(generation: number): Promise<ReloadResult> {
    this.#assertOpen();
    const { history, queue, transaction } = this.#parts;
    const entry = history.find(generation);
    if (!entry) {
      const kept = history.generations().join(', ');
      return Promise.reject(
        new StrataError(
          'UNKNOWN_GENERATION',
          `Generation ${generation} is not in the history (kept: ${kept}); call rollback() with one of those`,
        ),
      );
    }
    const reasons = [{ source: 'rollback', detail: `rollback to generation ${generation}` }];
    return queue.enqueue(async () => {
      const result = await transaction.apply(entry.stack, reasons);
      // The overrides in effect may have changed: their expiry timer follows.
      this.#parts.overrides.rearm();
      return result;
    });
  }

  /** Stop every watcher, poller and timer and release the sources. Nothing keeps the process alive afterwards. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const { abort, sources, queue, events, overrides, scopes } = this.#parts;
    overrides.close();
    const releasingScopes = scopes.close();
    const running = queue.stop();
    abort.abort();
    for (const watcher of this.#watchers.splice(0)) watcher.dispose();
    await releaseSources(abort, sources, running);
    await releasingScopes;
    events.clear();
  }

  /** The current configuration as a plain tree, secrets redacted. */
  toJSON(): Record<string, unknown> {
    return this.snapshot.toJSON();
  }

  [inspect.custom](_depth: number, options: object): string {
    return `Config(${this.environment}, generation ${this.generation}) ${inspect(this.toJSON(), options)}`;
  }

  #startWatching(): void {
    const { sources, context, queue, health } = this.#parts;
    for (const source of sources) {
      if (!source.watch) continue;
      const watcher = source.watch(context, {
        changed: (reason) => queue.schedule(source.name, reason),
        failed: (error, willRetry) => health.failed(source.name, error, willRetry),
        recovered: () => health.recovered(source.name),
      });
      this.#watchers.push(watcher);
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new StrataError('CLOSED', 'This configuration is closed');
  }
}
