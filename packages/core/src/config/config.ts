import path from 'node:path';
import { inspect } from 'node:util';
import { StrataError } from '../errors/strata-error.js';
import { formatIssue } from '../errors/config-validation-error.js';
import type { ConfigEvents } from '../events/config-events.js';
import type { Issue } from '../models/issue.js';
import type { Layer, LeafValue } from '../models/layer.js';
import { layerFromTree } from '../layer/layer-builder.js';
import { silentLogger } from '../models/logger.js';
import type { ChangeReason, ConfigSource, Disposable, SourceContext } from '../models/source.js';
import { buildSnapshot, type BuildResult } from '../pipeline/build-snapshot.js';
import { type PathIndex, pathIndexOf } from '../pipeline/path-index.js';
import { readSchema } from '../schema/read-schema.js';
import type { Constructor, FieldSchema, SchemaModel, SecretSourceKind } from '../schema/schema-model.js';
import { installRedaction } from '../snapshot/redaction.js';
import type { Change, Explanation, Snapshot } from '../snapshot/snapshot.js';
import type { ConfigDefinition, LoadOptions } from './config-definition.js';
import type { Decrypt } from '../pipeline/resolve-values.js';
import { decryptValue } from '../secrets/decrypt-value.js';
import type { Keyring } from '../secrets/keyring.js';
import { loadKeyring } from '../secrets/load-keyring.js';
import { verifyLayerMacs } from '../secrets/verify-layer-macs.js';
import { migrateLayer } from '../migrate/migrate-layer.js';
import { pinRestartValues } from './pin-restart-values.js';
import { resolveEnvironment } from './resolve-environment.js';
import { toSourceError } from './to-source-error.js';
import { ListenerRegistry } from './listener-registry.js';

/** The outcome of one reload. */
export interface ReloadResult {
  /** `changed`: a new snapshot is in effect; `unchanged`: same values; `rejected`: the last good snapshot stays. */
  readonly status: 'changed' | 'unchanged' | 'rejected';
  /** The generation in effect afterwards. */
  readonly generation: number;
  readonly diff: readonly Change[];
  readonly error?: StrataError;
}

/** One generation kept by `history()`. */
export interface HistoryEntry {
  readonly generation: number;
  readonly createdAt: Date;
  /** What changed from the generation before (empty for the first). */
  readonly diff: readonly Change[];
  readonly reasons: readonly ChangeReason[];
}

interface Generation extends HistoryEntry {
  readonly snapshot: Snapshot;
  readonly layers: readonly Layer[];
}

/**
 * A loaded configuration: the current snapshot, its sources and, when watching, the reload transaction that
 * keeps it current. Create it with {@link loadConfig}.
 */
export class Config {
  readonly environment: string;
  readonly schema: SchemaModel;
  /** Failures of optional sources at start-up (the configuration started without them). */
  readonly startupFailures: readonly ConfigEvents['sourceFailed'][];
  readonly #sources: readonly ConfigSource[];
  readonly #context: SourceContext;
  readonly #abort: AbortController;
  readonly #index: PathIndex;
  readonly #options: LoadOptions;
  readonly #strict: boolean;
  readonly #prepare: (layer: Layer) => Layer;
  readonly #decrypt: Decrypt | undefined;
  readonly #secretSources: readonly SecretSourceKind[] | undefined;
  readonly #listeners = new ListenerRegistry<ConfigEvents>();
  readonly #watchers: Disposable[] = [];
  readonly #failing = new Set<string>();
  #layers: Layer[];
  #history: Generation[] = [];
  #current: Snapshot;
  #queue: Promise<unknown> = Promise.resolve();
  #pending = new Map<string, ChangeReason[]>();
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  /** `@Reloadable(false)` paths whose new values wait for a restart (announced once). */
  #awaitingRestart: readonly string[] = [];

  /** @internal Use {@link loadConfig}. */
  constructor(init: {
    environment: string;
    schema: SchemaModel;
    sources: readonly ConfigSource[];
    context: SourceContext;
    abort: AbortController;
    index: PathIndex;
    options: LoadOptions;
    strict: boolean;
    prepare: (layer: Layer) => Layer;
    decrypt: Decrypt | undefined;
    secretSources: readonly SecretSourceKind[] | undefined;
    layers: Layer[];
    snapshot: Snapshot;
    startupFailures: ConfigEvents['sourceFailed'][];
  }) {
    this.environment = init.environment;
    this.schema = init.schema;
    this.#sources = init.sources;
    this.#context = init.context;
    this.#abort = init.abort;
    this.#index = init.index;
    this.#options = init.options;
    this.#strict = init.strict;
    this.#prepare = init.prepare;
    this.#decrypt = init.decrypt;
    this.#secretSources = init.secretSources;
    this.#layers = init.layers;
    this.#current = init.snapshot;
    this.startupFailures = init.startupFailures;
    for (const failure of init.startupFailures) this.#failing.add(failure.source);
    this.#remember(init.snapshot, init.layers, [], [{ source: 'startup', detail: 'initial load' }]);
  }

  /** The snapshot in effect. Hold on to it to read several values that belong together. */
  get snapshot(): Snapshot {
    return this.#current;
  }

  /** The generation in effect. */
  get generation(): number {
    return this.#current.generation;
  }

  /** Non-fatal problems of the snapshot in effect. */
  get warnings(): readonly Issue[] {
    return this.#current.warnings;
  }

  /** True after `close()`. */
  get closed(): boolean {
    return this.#closed;
  }

  /** The `@Reloadable(false)` paths whose changed values wait for a restart. */
  get awaitingRestart(): readonly string[] {
    return this.#awaitingRestart;
  }

  /** The sources, in precedence order. */
  get sources(): readonly ConfigSource[] {
    return this.#sources;
  }

  /** The frozen instance of a section (or nested) class in the current snapshot. */
  get<T extends object>(cls: Constructor<T>): T {
    return this.#current.get(cls);
  }

  /** Why `path` has its value. */
  explain(path: string): Explanation | undefined {
    return this.#current.explain(path);
  }

  /** How `field` can be set, highest precedence first. */
  describeInputs(field: FieldSchema): readonly string[] {
    return describeInputs(this.#sources, this.#context, field);
  }

  /** Subscribe to an event; returns the function that unsubscribes. */
  on<K extends keyof ConfigEvents>(event: K, listener: (event: ConfigEvents[K]) => void): () => void {
    this.#listeners.add(event, listener);
    return () => {
      this.#listeners.remove(event, listener);
    };
  }

  /** Subscribe to the next occurrence of an event. */
  once<K extends keyof ConfigEvents>(event: K, listener: (event: ConfigEvents[K]) => void): () => void {
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
    const names = new Set(options.sources ?? this.#sources.map((s) => s.name));
    const reasons = [{ source: 'reload', detail: options.reason ?? 'reload() called' }];
    return this.#enqueue(() => this.#reloadNow(names, reasons));
  }

  /**
   * A snapshot with `values` laid over the current configuration, validated like any other but not swapped
   * in: for a tenant, a test or a child container. Throws the `ConfigValidationError` when invalid.
   */
  async derive(values: { readonly [key: string]: LeafValue }, name = 'overlay'): Promise<Snapshot> {
    this.#assertOpen();
    const layer = layerFromTree({
      source: name,
      tree: values,
      originOf: (path) => ({ source: 'overlay', locator: `${name}:${path.join('.')}` }),
    });
    const built = await this.#build([...this.#layers, layer], this.generation);
    if (!built.ok) throw built.error;
    return built.snapshot;
  }

  /** The generations kept (newest last), with their diffs and reasons. */
  history(): readonly HistoryEntry[] {
    return this.#history.map(({ generation, createdAt, diff, reasons }) => ({
      generation,
      createdAt,
      diff,
      reasons,
    }));
  }

  /**
   * Re-apply the values of an earlier generation as a new generation, validated again. The sources keep
   * watching: the next change they report loads from them as usual.
   */
  rollback(generation: number): Promise<ReloadResult> {
    this.#assertOpen();
    const entry = this.#history.find((h) => h.generation === generation);
    if (!entry) {
      const kept = this.#history.map((h) => h.generation).join(', ');
      return Promise.reject(
        new StrataError('CLOSED', `Generation ${generation} is not in the history (kept: ${kept})`),
      );
    }
    const reasons = [{ source: 'rollback', detail: `rollback to generation ${generation}` }];
    return this.#enqueue(() => this.#apply([...entry.layers], reasons));
  }

  /** Stop every watcher, poller and timer and release the sources. Nothing keeps the process alive afterwards. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#abort.abort();
    for (const watcher of this.#watchers.splice(0)) watcher.dispose();
    await this.#queue.catch(() => undefined);
    await Promise.all(this.#sources.map((source) => source.dispose?.()));
    this.#listeners.clear();
  }

  /** The current configuration as a plain tree, secrets redacted. */
  toJSON(): Record<string, unknown> {
    return this.#current.toJSON();
  }

  [inspect.custom](_depth: number, options: object): string {
    return `Config(${this.environment}, generation ${this.generation}) ${inspect(this.toJSON(), options)}`;
  }

  /** @internal Start the sources' watchers (done by `loadConfig` when `watch` is set). */
  startWatching(): void {
    for (const source of this.#sources) {
      if (!source.watch) continue;
      const watcher = source.watch(this.#context, {
        changed: (reason) => this.#schedule(source.name, reason),
        failed: (error, willRetry) => this.#sourceFailed(source, error, willRetry),
        recovered: () => this.#sourceRecovered(source.name),
      });
      this.#watchers.push(watcher);
    }
  }

  #schedule(name: string, reason: ChangeReason): void {
    if (this.#closed) return;
    const reasons = this.#pending.get(name) ?? [];
    reasons.push(reason);
    this.#pending.set(name, reasons);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      const pending = this.#pending;
      this.#pending = new Map();
      void this.#enqueue(() => this.#reloadNow(new Set(pending.keys()), [...pending.values()].flat()));
    }, this.#options.debounceMs ?? 50);
    this.#timer.unref();
  }

  #enqueue(task: () => Promise<ReloadResult>): Promise<ReloadResult> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #reloadNow(names: ReadonlySet<string>, reasons: readonly ChangeReason[]): Promise<ReloadResult> {
    if (this.#closed) return this.#result('unchanged', []);
    const layers = [...this.#layers];
    let contentError: StrataError | undefined;
    await Promise.all(
      this.#sources.map(async (source, i) => {
        if (!names.has(source.name)) return;
        try {
          layers[i] = this.#prepare(await source.load(this.#context));
          this.#sourceRecovered(source.name);
        } catch (error) {
          const failure = toSourceError(source.name, error);
          // A file that no longer parses is a bad change, not an outage: reject it like an invalid value.
          if (failure.code === 'SOURCE_FAILED') this.#sourceFailed(source, failure, false);
          else contentError ??= failure;
        }
      }),
    );
    if (this.#closed) return this.#result('unchanged', []);
    if (contentError) return this.#reject(contentError, reasons);
    return this.#apply(layers, reasons);
  }

  async #apply(layers: Layer[], reasons: readonly ChangeReason[]): Promise<ReloadResult> {
    const generation = this.#current.generation + 1;
    let built = await this.#build(layers, generation);
    if (!built.ok) return this.#reject(built.error, reasons);
    const pinned = pinRestartValues(this.#current, built.snapshot);
    if (pinned) {
      built = await this.#build([...layers, pinned.layer], generation);
      if (!built.ok) return this.#reject(built.error, reasons);
    }
    const diff = built.snapshot.diff(this.#current);
    this.#layers = layers;
    const waiting = pinned?.paths ?? [];
    if (waiting.length > 0 && waiting.join('\n') !== this.#awaitingRestart.join('\n')) {
      this.#emit('restartRequired', {
        type: 'restartRequired',
        generation: this.#current.generation,
        paths: waiting,
      });
    }
    this.#awaitingRestart = waiting;
    if (diff.length === 0) return this.#result('unchanged', []);
    const previous = this.#current;
    this.#current = built.snapshot;
    this.#remember(built.snapshot, layers, diff, reasons);
    for (const warning of built.snapshot.warnings) this.#logger.warn(formatIssue(warning));
    this.#emit('changed', {
      type: 'changed',
      generation,
      previousGeneration: previous.generation,
      diff,
      reasons,
    });
    return this.#result('changed', diff);
  }

  #build(layers: readonly Layer[], generation: number): Promise<BuildResult> {
    return buildSnapshot({
      schema: this.schema,
      index: this.#index,
      layers,
      environment: this.environment,
      generation,
      strict: this.#strict,
      decrypt: this.#decrypt,
      secretSources: this.#secretSources,
      validate: this.#options.validate,
      describeInputs: (field) => describeInputs(this.#sources, this.#context, field),
    });
  }

  #reject(error: StrataError, reasons: readonly ChangeReason[]): ReloadResult {
    this.#logger.warn(
      `Configuration change rejected; generation ${this.generation} stays in effect.\n${error.message}`,
    );
    this.#emit('rejected', { type: 'rejected', generation: this.generation, error, reasons });
    return { ...this.#result('rejected', []), error };
  }

  #result(status: ReloadResult['status'], diff: readonly Change[]): ReloadResult {
    return { status, generation: this.generation, diff };
  }

  #remember(
    snapshot: Snapshot,
    layers: readonly Layer[],
    diff: readonly Change[],
    reasons: readonly ChangeReason[],
  ): void {
    this.#history.push({
      generation: snapshot.generation,
      createdAt: snapshot.createdAt,
      diff,
      reasons,
      snapshot,
      layers,
    });
    const keep = this.#options.historySize ?? 20;
    if (this.#history.length > keep) this.#history.splice(0, this.#history.length - keep);
  }

  /** Call every listener even when one throws: a faulty subscriber must not break the transaction or others. */
  #emit<K extends keyof ConfigEvents>(type: K, event: ConfigEvents[K]): void {
    for (const listener of this.#listeners.listeners(type)) {
      try {
        listener(event);
      } catch (error) {
        this.#logger.error(
          `A "${type}" listener threw: ${error instanceof Error ? error.message : String(error)}`,
          { error },
        );
      }
    }
  }

  #sourceFailed(source: ConfigSource, error: unknown, willRetry: boolean): void {
    if (this.#closed) return;
    this.#failing.add(source.name);
    const failure = toSourceError(source.name, error);
    this.#logger.warn(
      `${failure.message}${willRetry ? ' (will retry)' : ''}; its last good values stay in effect`,
    );
    this.#emit('sourceFailed', {
      type: 'sourceFailed',
      source: source.name,
      error: failure,
      willRetry,
    });
  }

  #sourceRecovered(name: string): void {
    if (!this.#failing.delete(name) || this.#closed) return;
    this.#emit('sourceRecovered', { type: 'sourceRecovered', source: name });
  }

  get #logger() {
    return this.#context.logger;
  }

  #assertOpen(): void {
    if (this.#closed) throw new StrataError('CLOSED', 'This configuration is closed');
  }
}

/** How `field` can be set, highest-precedence source first. */
export function describeInputs(
  sources: readonly ConfigSource[],
  context: SourceContext,
  field: FieldSchema,
): string[] {
  const inputs: string[] = [];
  for (let i = sources.length - 1; i >= 0; i--) {
    const text = sources[i]!.describe?.(field, context);
    if (text !== undefined && !inputs.includes(text)) inputs.push(text);
  }
  return inputs;
}

/**
 * Load, merge, convert and validate the configuration once, and return it. Throws a
 * `ConfigValidationError` listing every problem, or the `SourceError`/`ParseError` of a source that failed
 * (optional sources are skipped and reported instead).
 */
export async function loadConfig(definition: ConfigDefinition, options: LoadOptions = {}): Promise<Config> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const environment = resolveEnvironment(options.environment ?? definition.environment, env);
  const schema = readSchema(definition.sections);
  installRedaction(schema);
  const sources =
    typeof definition.sources === 'function'
      ? definition.sources({ environment, env, cwd })
      : definition.sources;
  const names = new Set<string>();
  for (const source of sources) {
    if (names.has(source.name)) {
      throw new StrataError(
        'DEFINITION_INVALID',
        `Two sources are named "${source.name}"; give one a different "name" option`,
      );
    }
    names.add(source.name);
  }
  const abort = new AbortController();
  const context: SourceContext = {
    environment,
    schema,
    signal: abort.signal,
    logger: options.logger ?? silentLogger,
    cwd,
    env,
    argv: options.argv ?? process.argv.slice(2),
  };
  const startupFailures: ConfigEvents['sourceFailed'][] = [];
  const keyring = await configuredKeyring(options, env);
  const prepare = (layer: Layer): Layer =>
    migrateLayer(verifyLayerMacs(layer, keyring), {
      configVersion: definition.configVersion,
      migrations: definition.migrations,
    });
  const settled = await Promise.allSettled(
    sources.map(async (source) => prepare(await source.load(context))),
  );
  const layers: Layer[] = [];
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i]!;
    const outcome = settled[i]!;
    if (outcome.status === 'fulfilled') {
      layers.push(outcome.value);
      continue;
    }
    const failure = toSourceError(source.name, outcome.reason);
    if (!source.optional || failure.code !== 'SOURCE_FAILED') {
      abort.abort();
      await Promise.all(sources.map((s) => s.dispose?.()));
      throw failure;
    }
    context.logger.warn(`${failure.message}; starting without it (optional source)`);
    startupFailures.push({
      type: 'sourceFailed',
      source: source.name,
      error: failure,
      willRetry: Boolean(source.watch) && options.watch === true,
    });
    layers.push({ source: source.name, entries: [], textual: false, warnings: [] });
  }
  const secretSources =
    typeof definition.secretSources === 'function'
      ? definition.secretSources(environment)
      : definition.secretSources;
  const index = pathIndexOf(schema);
  const decrypt = keyringDecrypt(keyring);
  const built = await buildSnapshot({
    schema,
    index,
    layers,
    environment,
    generation: 1,
    strict: options.strict ?? definition.strict ?? false,
    decrypt,
    secretSources,
    validate: options.validate,
    describeInputs: (field) => describeInputs(sources, context, field),
  });
  if (!built.ok) {
    abort.abort();
    await Promise.all(sources.map((s) => s.dispose?.()));
    throw built.error;
  }
  for (const warning of built.snapshot.warnings) context.logger.warn(formatIssue(warning));
  for (const layer of layers) for (const warning of layer.warnings) context.logger.warn(warning);
  const config = new Config({
    environment,
    schema,
    sources,
    context,
    abort,
    index,
    options,
    strict: options.strict ?? definition.strict ?? false,
    prepare,
    decrypt,
    secretSources,
    layers,
    snapshot: built.snapshot,
    startupFailures,
  });
  if (options.watch) config.startWatching();
  return config;
}

/** The configured keyring, or the keys of `STRATA_KEY_FILE`/`STRATA_KEYS` when either is set. */
async function configuredKeyring(
  options: LoadOptions,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Keyring | undefined> {
  if (options.keyring) return options.keyring;
  if (!env.STRATA_KEYS && !env.STRATA_KEY_FILE) return undefined;
  const file = env.STRATA_KEY_FILE;
  return loadKeyring(file ? { env, keyFile: path.resolve(options.cwd ?? process.cwd(), file) } : { env });
}

/** The decrypt function of a keyring. */
function keyringDecrypt(keyring: Keyring | undefined): Decrypt | undefined {
  if (!keyring) return undefined;
  return (envelope, at) => decryptValue({ envelope, path: at, keyring });
}
