/**
 * A duration for the test server: a number of seconds (fractions allowed, `1.5`), or text with a unit
 * (`'1500ms'`, `'2s'`, `'5m'`, `'1h'`).
 */
export type Duration = number | `${number}ms` | `${number}s` | `${number}m` | `${number}h`;

const units: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds of a {@link Duration}. */
export function durationMs(duration: Duration): number {
  if (typeof duration === 'number') return duration * 1000;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(duration);
  if (!match) throw new Error(`Invalid duration "${duration}": use seconds or text like "1500ms", "2s"`);
  return Number(match[1]) * (units[match[2] as string] as number);
}
