import type { ChangeReason, SourceSignals } from '@strata/core';

/** {@link SourceSignals} that remember every call, in order. */
export interface RecordedSignals extends SourceSignals {
  readonly changes: ChangeReason[];
  readonly failures: { error: Error; willRetry: boolean }[];
  /** Every call as `changed`, `failed` or `recovered`, in order. */
  readonly calls: string[];
  recoveries: number;
}

/** Signals that record every call; `onChanged` runs inside `changed`, before the source goes on. */
export function recordSignals(hooks: { onChanged?: () => void } = {}): RecordedSignals {
  const signals: RecordedSignals = {
    changes: [],
    failures: [],
    calls: [],
    recoveries: 0,
    changed(reason) {
      signals.changes.push(reason);
      signals.calls.push('changed');
      hooks.onChanged?.();
    },
    failed(error, willRetry) {
      signals.failures.push({ error, willRetry });
      signals.calls.push('failed');
    },
    recovered() {
      signals.recoveries += 1;
      signals.calls.push('recovered');
    },
  };
  return signals;
}
