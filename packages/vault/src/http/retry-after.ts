/**
 * A `Retry-After` header in ms from `now`: delay-seconds (`"2"`) or an HTTP date
 * (`"Wed, 21 Oct 2015 07:28:00 GMT"`, RFC 9110 §10.2.3). A date in the past is 0. Undefined when absent or
 * unreadable, so the caller falls back to its own backoff.
 */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only a date with a weekday and GMT, as RFC 9110 requires: Date.parse alone would also take "1 2".
  if (!/^[A-Za-z]{3},? .*\d{2}:\d{2}:\d{2} GMT$/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
