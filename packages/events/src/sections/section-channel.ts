import type { ChangedEvent, Constructor, ReadonlyDeep, Snapshot } from '@strata/core';
import { guardListener } from '../listeners/guard-listener.js';
import type { ConfigView, EventSource } from '../models/config-view.js';
import type { ListenerErrorHandler } from '../models/listener-error.js';
import type { SectionListener } from '../models/section-listener.js';
import type { Unsubscribe } from '@strata/core';
import { unsubscribeOnce } from '@strata/core/source';
import { changesUnder, sectionPathOf } from './section-path.js';

/** How a {@link SectionChannel} is set up. */
export interface SectionChannelInit<T extends object> {
  readonly config: ConfigView;
  readonly cls: Constructor<T>;
  /** Where `changed` events come from: the configuration itself or a bridge's relay. */
  readonly events: EventSource;
  readonly onError: ListenerErrorHandler;
  /** Names the listeners in error reports (`onSectionChange(DatabaseConfig)`). */
  readonly label: string;
}

/**
 * The listeners of one configuration class. It listens to `changed` only while it has listeners, remembers
 * the snapshot each change replaced (the configuration keeps only the current one), and calls its listeners
 * when a change falls under the class's path.
 */
export class SectionChannel<T extends object> {
  readonly path: string;
  readonly #init: SectionChannelInit<T>;
  readonly #listeners = new Set<
    (next: ReadonlyDeep<T>, prev: ReadonlyDeep<T>, diff: ChangedEvent['diff']) => void
  >();
  #detach: (() => void) | undefined;
  #previous: Snapshot | undefined;

  constructor(init: SectionChannelInit<T>) {
    this.path = sectionPathOf(init.config, init.cls);
    this.#init = init;
  }

  /** Add a listener; returns the function that removes it. */
  add(listener: SectionListener<T>): Unsubscribe {
    const guarded = guardListener(listener, this.#init.onError, {
      event: 'changed',
      listener: this.#init.label,
    });
    this.#listeners.add(guarded);
    this.#attach();
    return unsubscribeOnce(() => {
      this.#listeners.delete(guarded);
      if (this.#listeners.size === 0) this.#release();
    });
  }

  /** The number of listeners. */
  get size(): number {
    return this.#listeners.size;
  }

  /** Remove every listener and stop listening. */
  close(): void {
    this.#listeners.clear();
    this.#release();
  }

  #attach(): void {
    if (this.#detach) return;
    this.#previous = this.#init.config.snapshot;
    this.#detach = this.#init.events.on('changed', (event) => this.#changed(event));
  }

  #release(): void {
    this.#detach?.();
    this.#detach = undefined;
    this.#previous = undefined;
  }

  #changed(event: ChangedEvent): void {
    const { config, cls } = this.#init;
    const previous = this.#previous ?? config.snapshot;
    // The configuration swaps its snapshot before it emits, so the one in effect is the one this event announces.
    const next = config.snapshot;
    this.#previous = next;
    const diff = changesUnder(event.diff, this.path);
    if (diff.length === 0) return;
    const nextInstance = next.get(cls);
    const prevInstance = previous.get(cls);
    for (const listener of [...this.#listeners]) listener(nextInstance, prevInstance, diff);
  }
}
