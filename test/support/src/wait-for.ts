/** Options of {@link waitFor}. */
export interface WaitForOptions {
  /** How long to keep polling before failing. @default 8000 */
  readonly timeoutMs?: number;
  /** How often to poll. @default 10 */
  readonly intervalMs?: number;
}

/**
 * Poll `probe` until it returns a value other than `undefined`, `null` or `false`, and resolve with it; fail
 * with an error naming `what` after the timeout. A test waits for what it needs, never for a fixed time, so
 * it is as fast as the machine allows and only slow when something is wrong.
 *
 * @example
 * const event = await waitFor('a changed signal', () => signals.changes[0]);
 * await waitFor('generation 2', () => config.generation === 2, { timeoutMs: 5000 });
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false,
  options: WaitForOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 8000;
  const intervalMs = options.intervalMs ?? 10;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await pause(intervalMs);
  }
}

/**
 * Wait `ms` milliseconds. Only for checks that something does NOT happen within a period, after the awaited
 * event; everything else uses {@link waitFor}.
 */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
