import type { ChangeReason } from '../models/source.js';

/**
 * Serialises reloads and coalesces watcher signals: signals within `debounceMs` become one reload of the
 * sources they name, and no reload starts before the one running has finished.
 */
export class ReloadQueue {
  readonly #debounceMs: number;
  readonly #reload: (names: ReadonlySet<string>, reasons: readonly ChangeReason[]) => Promise<unknown>;
  #tail: Promise<unknown> = Promise.resolve();
  #pending = new Map<string, ChangeReason[]>();
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(
    debounceMs: number,
    reload: (names: ReadonlySet<string>, reasons: readonly ChangeReason[]) => Promise<unknown>,
  ) {
    this.#debounceMs = debounceMs;
    this.#reload = reload;
  }

  /** Run `task` after every task queued before it (whether those succeeded or not). */
  enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(task, task);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  /** A source reported a change: reload it, with any other signalled within the debounce window. */
  schedule(source: string, reason: ChangeReason): void {
    if (this.#stopped) return;
    const reasons = this.#pending.get(source) ?? [];
    reasons.push(reason);
    this.#pending.set(source, reasons);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      const pending = this.#pending;
      this.#pending = new Map();
      void this.enqueue(() => this.#reload(new Set(pending.keys()), [...pending.values()].flat()));
    }, this.#debounceMs);
    this.#timer.unref();
  }

  /** Drop pending signals and accept no more; resolves when the task running (if any) has finished. */
  stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    return this.#tail.then(() => undefined);
  }
}
