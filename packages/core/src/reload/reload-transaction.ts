import { formatIssue } from '../errors/config-validation-error.js';
import type { Layer } from '../models/layer.js';
import type { ChangeReason, ConfigSource, SourceContext } from '../models/source.js';
import type { BuildResult } from '../pipeline/build-snapshot.js';
import type { PathIndex } from '../pipeline/path-index.js';
import { StrataError } from '../errors/strata-error.js';
import type { Change, Snapshot } from '../snapshot/snapshot.js';
import type { ReloadResult } from './reload-result.js';
import type { EmitConfigEvent } from '../events/config-event-hub.js';
import type { GenerationHistory } from './generation-history.js';
import { type LayerStack, layersOf } from './layer-stack.js';
import { layerKeys } from './layer-keys.js';
import { loadSource } from './load-source.js';
import { pinRestartValues } from './pin-restart-values.js';
import type { SourceHealth } from './source-health.js';
import { suspiciousChange } from './suspicious-change.js';

/** Runs the pipeline on a list of layers as generation `generation` (settings fixed at start-up). */
export type BuildLayers = (layers: readonly Layer[], generation: number) => Promise<BuildResult>;

/** What a transaction starts from: the first generation and everything needed to build the next. */
export interface ReloadTransactionInit {
  readonly sources: readonly ConfigSource[];
  readonly context: SourceContext;
  /** Checks a source's layer (MACs) and migrates it, as at start-up. */
  readonly prepare: (layer: Layer) => Layer;
  readonly build: BuildLayers;
  readonly emit: EmitConfigEvent;
  readonly health: SourceHealth;
  readonly history: GenerationHistory;
  /** The layers of the first generation. */
  readonly stack: LayerStack;
  /** The first generation. */
  readonly snapshot: Snapshot;
  /** The schema's path index, to tell known keys from unknown ones. */
  readonly index: PathIndex;
  /** `LoadOptions.suspiciousReloads`: reject (or apply) a change that looks like corrupted content. */
  readonly suspiciousReloads: 'reject' | 'apply';
}

/**
 * The reload transaction: a new stack of layers is built, validated and swapped in as one step, or rejected
 * with the snapshot in effect kept. Callers serialise calls (a `ReloadQueue`); readers only ever see
 * {@link current}, replaced by one reference assignment.
 */
export class ReloadTransaction {
  readonly #init: ReloadTransactionInit;
  #stack: LayerStack;
  #current: Snapshot;
  /** `@Reloadable(false)` paths whose new values wait for a restart (announced once). */
  #awaitingRestart: readonly string[] = [];

  constructor(init: ReloadTransactionInit) {
    this.#init = init;
    this.#stack = init.stack;
    this.#current = init.snapshot;
    init.history.remember(init.snapshot, init.stack, [], [{ source: 'startup', detail: 'initial load' }]);
  }

  /** The snapshot in effect. */
  get current(): Snapshot {
    return this.#current;
  }

  /** The layers in effect (the runtime overrides among them); replaced, never changed, by each applied change. */
  get stack(): LayerStack {
    return this.#stack;
  }

  /** The `@Reloadable(false)` paths whose changed values wait for a restart. */
  get awaitingRestart(): readonly string[] {
    return this.#awaitingRestart;
  }

  /**
   * Build (and validate) the layers in effect with `extra` on top, without swapping anything in: for
   * `derive`. Generation number: the one in effect.
   */
  preview(extra: readonly Layer[]): Promise<BuildResult> {
    return this.#init.build([...layersOf(this.#stack), ...extra], this.#current.generation);
  }

  /**
   * Load the named sources again (in parallel; the others keep their layers) and apply the result. A source
   * that fails to load keeps its layer (`sourceFailed`); one whose content is bad rejects the whole change.
   */
  async reload(names: ReadonlySet<string>, reasons: readonly ChangeReason[]): Promise<ReloadResult> {
    const { sources, context, prepare, health } = this.#init;
    if (context.signal.aborted) return this.#result('unchanged', []);
    const layers = [...this.#stack.sources];
    let contentError: StrataError | undefined;
    await Promise.all(
      sources.map(async (source, i) => {
        if (!names.has(source.name)) return;
        const outcome = await loadSource(source, context, prepare);
        if (outcome.ok) {
          layers[i] = outcome.layer;
          health.recovered(source.name);
        } else if (outcome.error.code === 'SOURCE_FAILED') {
          health.failed(source.name, outcome.error, false);
        } else {
          // A file that no longer parses is a bad change, not an outage: reject it like an invalid value.
          contentError ??= outcome.error;
        }
      }),
    );
    if (context.signal.aborted) return this.#result('unchanged', []);
    contentError ??= this.#suspicious(layers);
    if (contentError) return this.#reject(contentError, reasons);
    return this.apply({ ...this.#stack, sources: layers }, reasons);
  }

  /** A `SUSPICIOUS_CHANGE` error for the first reloaded layer that looks like corrupted content. */
  #suspicious(layers: readonly Layer[]): StrataError | undefined {
    const { sources, index, suspiciousReloads } = this.#init;
    for (let i = 0; i < sources.length; i++) {
      const before = this.#stack.sources[i]!;
      const after = layers[i]!;
      if (after === before || (sources[i]!.suspiciousReloads ?? suspiciousReloads) === 'apply') continue;
      const reason = suspiciousChange(layerKeys(before, index), layerKeys(after, index));
      if (reason === undefined) continue;
      return new StrataError(
        'SUSPICIOUS_CHANGE',
        `Source "${sources[i]!.name}" changed to content that looks corrupted: ${reason}. The last good values stay; fix the source, or load with { suspiciousReloads: 'apply' } to apply such changes (or set suspiciousReloads: 'apply' on a source whose content code sets)`,
      );
    }
    return undefined;
  }

  /**
   * Build `stack`, validate it and swap it in. `@Reloadable(false)` values that changed are pinned to the
   * values in effect (a pin layer on top) and announced with `restartRequired`; the rest applies.
   */
  async apply(stack: LayerStack, reasons: readonly ChangeReason[]): Promise<ReloadResult> {
    const { build, emit, history, context } = this.#init;
    const layers = layersOf(stack);
    const generation = this.#current.generation + 1;
    let built = await build(layers, generation);
    if (!built.ok) return this.#reject(built.error, reasons);
    const pinned = pinRestartValues(this.#current, built.snapshot);
    if (pinned) {
      built = await build([...layers, pinned.layer], generation);
      if (!built.ok) return this.#reject(built.error, reasons);
    }
    const diff = built.snapshot.diff(this.#current);
    this.#stack = stack;
    const waiting = pinned?.paths ?? [];
    if (waiting.length > 0 && waiting.join('\n') !== this.#awaitingRestart.join('\n')) {
      emit('restartRequired', {
        type: 'restartRequired',
        generation: this.#current.generation,
        paths: waiting,
      });
    }
    this.#awaitingRestart = waiting;
    if (diff.length === 0) return this.#result('unchanged', []);
    const previous = this.#current;
    this.#current = built.snapshot;
    history.remember(built.snapshot, stack, diff, reasons);
    for (const warning of built.snapshot.warnings) context.logger.warn(formatIssue(warning));
    emit('changed', {
      type: 'changed',
      generation,
      previousGeneration: previous.generation,
      diff,
      reasons,
    });
    return this.#result('changed', diff);
  }

  #reject(error: StrataError, reasons: readonly ChangeReason[]): ReloadResult {
    const generation = this.#current.generation;
    this.#init.context.logger.warn(
      `Configuration change rejected; generation ${generation} stays in effect.\n${error.message}`,
    );
    this.#init.emit('rejected', { type: 'rejected', generation, error, reasons });
    return { ...this.#result('rejected', []), error };
  }

  #result(status: ReloadResult['status'], diff: readonly Change[]): ReloadResult {
    return { status, generation: this.#current.generation, diff };
  }
}
