/**
 * A duration for the test server, in whole seconds: a number of seconds, or text with a unit (`'2s'`, `'5m'`,
 * `'1h'`, `'3000ms'`).
 */
export type Duration = number | `${number}ms` | `${number}s` | `${number}m` | `${number}h`;

const units: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Milliseconds of a {@link Duration}, which must be whole seconds: Vault's TTLs and lease durations are
 * integers of seconds, and a client must cope with a 1 s lease, not with a 0.3 s one no Vault sends. Tests
 * that need TTLs to pass quickly move the server's clock (`advanceClock`) instead.
 */
export function durationMs(duration: Duration): number {
  let ms: number;
  if (typeof duration === 'number') ms = duration * 1000;
  else {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(duration);
    if (!match) throw new Error(`Invalid duration "${duration}": use seconds or text like "2s", "5m"`);
    ms = Number(match[1]) * (units[match[2] as string] as number);
  }
  if (!Number.isFinite(ms) || ms < 0 || ms % 1000 !== 0) {
    throw new Error(
      `Invalid duration "${String(duration)}": Vault TTLs are whole seconds; move the clock (advanceClock) to make them pass quickly`,
    );
  }
  return ms;
}
