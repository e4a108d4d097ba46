import type { FieldSchema } from '@strata/core';
import type { ConfigSource, Disposable, Layer, SourceContext, SourceSignals } from '@strata/core/source';
import type { LayerBody, NoticeBody } from '../models/fleet-message.js';
import { openLayer, sealLayer } from '../wire/seal-layer.js';
import { versionsOf } from '../wire/versions-of.js';
import type { FleetRuntime } from './fleet-runtime.js';

/**
 * A remote source shared across the fleet. It keeps the wrapped source's name, so precedence, provenance
 * and explain are what they would be without a fleet, and every layer — loaded locally or received from
 * the leader — goes through the same reload transaction (validated; rejected with the last good kept).
 */
export class SharedSource implements ConfigSource {
  readonly name: string;
  readonly optional?: boolean;
  readonly #inner: ConfigSource;
  readonly #fleet: FleetRuntime;
  /** The versions this instance holds or has been told about: a notice for them is not news. */
  #known: readonly string[] | undefined;
  /** The leader's newest layer (leader mode, following). */
  #shared: { readonly layer: Layer; readonly versions: readonly string[] } | undefined;
  #highestFence = 0;
  #watching: { context: SourceContext; signals: SourceSignals } | undefined;
  #innerWatcher: Disposable | undefined;

  constructor(inner: ConfigSource, fleet: FleetRuntime) {
    this.name = inner.name;
    if (inner.optional !== undefined) this.optional = inner.optional;
    this.#inner = inner;
    this.#fleet = fleet;
  }

  /** The versions this instance last loaded or was told of. */
  get versions(): readonly string[] {
    return this.#known ?? [];
  }

  async load(context: SourceContext): Promise<Layer> {
    const shared = this.#shared;
    if (shared && this.#fleet.following()) return shared.layer;
    const layer = await this.#inner.load(context);
    const versions = versionsOf(layer, this.#fleet.key);
    const isNews = this.#known !== undefined && !sameVersions(versions, this.#known);
    this.#known = versions;
    if (isNews) this.#announce(layer, versions);
    return layer;
  }

  watch(context: SourceContext, signals: SourceSignals): Disposable {
    this.#watching = { context, signals };
    this.updatePolling();
    return {
      dispose: () => {
        this.#watching = undefined;
        this.#innerWatcher?.dispose();
        this.#innerWatcher = undefined;
      },
    };
  }

  /**
   * Start or stop the wrapped source's own polling: it polls in notify mode, as the leader, and whenever no
   * leader can be followed (Redis away, no lease holder); a follower of a live leader asks the store nothing.
   */
  updatePolling(): void {
    const watching = this.#watching;
    if (!watching || !this.#inner.watch) return;
    const poll = this.#fleet.mode === 'notify' || !this.#fleet.following();
    if (poll && !this.#innerWatcher)
      this.#innerWatcher = this.#inner.watch(watching.context, watching.signals);
    if (!poll && this.#innerWatcher) {
      this.#innerWatcher.dispose();
      this.#innerWatcher = undefined;
    }
  }

  /** Another instance saw new versions: refetch in this instance's budget slot. */
  onNotice(sender: string, notice: NoticeBody): void {
    if (this.#known !== undefined && sameVersions(notice.versions, this.#known)) return;
    this.#known = notice.versions;
    this.#fleet.reloadSource(
      this.name,
      `fleet notice from ${sender}: ${describeVersions(notice.versions)}`,
      this.#fleet.refetchDelay(),
    );
  }

  /** The leader's layer: open it and apply it through the reload transaction. */
  onLayer(sender: string, body: LayerBody): void {
    if (body.fence < this.#highestFence) {
      this.#fleet.drop(
        'stale',
        `a layer of ${this.name} from ${sender} with fencing token ${body.fence} < ${this.#highestFence}`,
      );
      return;
    }
    this.#highestFence = body.fence;
    if (this.#fleet.leadership().leader) return;
    if (this.#known !== undefined && sameVersions(body.versions, this.#known)) return;
    const key = this.#fleet.keyById(body.keyId);
    let layer: Layer;
    try {
      if (!key) throw new Error(`no key "${body.keyId.slice(0, 64)}" in the keyring`);
      layer = openLayer(key, body.sealed, this.name, body.versions);
    } catch (error) {
      this.#fleet.drop(
        'malformed',
        `the shared layer of ${this.name} from ${sender} does not open: ${(error as Error).message}`,
      );
      return;
    }
    this.#shared = { layer, versions: body.versions };
    this.#known = body.versions;
    this.#fleet.reloadSource(this.name, `leader ${sender} shared ${describeVersions(body.versions)}`, 0);
  }

  describe(field: FieldSchema, context: SourceContext): string | undefined {
    return this.#inner.describe?.(field, context);
  }

  async dispose(): Promise<void> {
    this.#innerWatcher?.dispose();
    this.#innerWatcher = undefined;
    await this.#inner.dispose?.();
  }

  #announce(layer: Layer, versions: readonly string[]): void {
    const { leader, fence } = this.#fleet.leadership();
    if (this.#fleet.mode === 'leader' && leader) {
      const key = this.#fleet.key;
      this.#fleet.publish({
        kind: 'layer',
        source: this.name,
        versions,
        fence,
        keyId: key.id,
        sealed: sealLayer(key, { ...layer, source: this.name }, versions),
      });
      return;
    }
    if (this.#fleet.mode === 'notify') this.#fleet.publish({ kind: 'notice', source: this.name, versions });
  }
}

function sameVersions(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((version, index) => version === b[index]);
}

function describeVersions(versions: readonly string[]): string {
  const shown = versions.slice(0, 3).join(', ');
  return versions.length > 3 ? `${shown} and ${versions.length - 3} more` : shown || 'no versions';
}
