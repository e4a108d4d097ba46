import type { SsmFaultKind, SsmFaultOptions } from './types.js';

/** A fault waiting to be applied, with how many requests it still applies to. */
export interface QueuedFault {
  readonly kind: SsmFaultKind;
  readonly options: SsmFaultOptions;
  remaining: number;
}

/** Faults for the next requests, applied in the order they were queued. */
export class FaultQueue {
  #queue: QueuedFault[] = [];

  add(kind: SsmFaultKind, options: SsmFaultOptions = {}): void {
    const times = options.times ?? 1;
    if (!(times > 0)) throw new RangeError(`fault "${kind}": times must be positive, got ${times}`);
    this.#queue.push({ kind, options, remaining: times });
  }

  clear(): void {
    this.#queue = [];
  }

  /** The fault for a request of `operation`, counting it against the fault; `undefined` when none applies. */
  take(operation: string): QueuedFault | undefined {
    const fault = this.#queue.find(
      (f) => f.options.operation === undefined || f.options.operation === operation,
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#queue = this.#queue.filter((f) => f !== fault);
    return fault;
  }
}
