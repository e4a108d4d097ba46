import type { ChangeReason, SourceSignals } from '@strata/core';

/** Poll `condition` every 20 ms until it holds; fail after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** Only for "nothing else happens" checks, after the awaited event: comfortably above the 50 ms debounce. */
export function settle(ms = 300): Promise<void> {
  return sleep(ms);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** SourceSignals that record what a source reported. */
export function recordingSignals(): SourceSignals & { changes: ChangeReason[]; failures: Error[] } {
  const changes: ChangeReason[] = [];
  const failures: Error[] = [];
  return {
    changes,
    failures,
    changed: (reason) => changes.push(reason),
    failed: (error) => failures.push(error),
    recovered: () => {},
  };
}
