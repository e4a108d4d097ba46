import type { ChangeReason, SourceSignals } from '@strata/core';

/** {@link SourceSignals} that remember every call, in order. */
export interface RecordingSignals extends SourceSignals {
  /** Every `changed` reason. */
  readonly changes: ChangeReason[];
  /** Every `failed` call. */
  readonly failures: { error: Error; willRetry: boolean }[];
  /** Every call as `changed`, `failed` or `recovered`, in order. */
  readonly calls: string[];
  /** How many times `recovered` was called. */
  readonly recoveries: number;
}

/** Options of {@link recordingSignals}. */
export interface RecordingSignalsOptions {
  /** Runs inside `changed`, before the source goes on (to change the backend mid-notification). */
  readonly onChanged?: (reason: ChangeReason) => void;
}

/**
 * Signals that record what a source reports, to drive a source's `watch()` without the engine.
 *
 * @example
 * const signals = recordingSignals();
 * const handle = source.watch(sourceContext(), signals);
 * await waitFor('a changed signal', () => signals.changes[0]);
 */
export function recordingSignals(options: RecordingSignalsOptions = {}): RecordingSignals {
  const changes: ChangeReason[] = [];
  const failures: { error: Error; willRetry: boolean }[] = [];
  const calls: string[] = [];
  let recoveries = 0;
  return {
    changes,
    failures,
    calls,
    get recoveries() {
      return recoveries;
    },
    changed(reason) {
      changes.push(reason);
      calls.push('changed');
      options.onChanged?.(reason);
    },
    failed(error, willRetry) {
      failures.push({ error, willRetry });
      calls.push('failed');
    },
    recovered() {
      recoveries += 1;
      calls.push('recovered');
    },
  };
}
