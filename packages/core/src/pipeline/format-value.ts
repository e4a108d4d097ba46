import { REDACTED } from '../snapshot/redacted.js';
import { printable } from '../text/printable.js';

/**
 * A short, printable form of a value for messages: `70000`, `"abc"`, `[1,2]`; `[redacted]` for a secret.
 * Control characters are escaped ({@link printable}): JSON leaves DEL and C1 controls raw.
 */
export function formatValue(value: unknown, secret: boolean): string {
  if (secret) return REDACTED;
  let text: string;
  if (value instanceof Date) text = Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  else if (typeof value === 'bigint') text = value.toString();
  else if (value === undefined) text = 'undefined';
  // JSON.stringify prints NaN and Infinity as `null`, which names a different value.
  else if (typeof value === 'number' && !Number.isFinite(value)) text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  text = printable(text);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
