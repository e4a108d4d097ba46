import type { FieldType } from '../models/schema-model.js';
import type { InputLimits } from '../layer/input-limits.js';
import { parseJsonText, type UnsafeJsonKey } from './parse-json-text.js';

/** The outcome of converting one value to its declared type. */
export type Coerced =
  | { readonly ok: true; readonly value: unknown }
  | {
      readonly ok: false;
      readonly message: string;
      /** JSON text held a `__proto__`, `prototype` or `constructor` key: refuse the input, not just the value. */
      readonly unsafeKey?: UnsafeJsonKey | undefined;
    };

/** What to convert to. */
export interface CoercionTarget {
  readonly type: FieldType;
  readonly itemType?: FieldType | undefined;
  readonly enumValues?: readonly (string | number)[] | undefined;
}

const numberText = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const isoDate =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2})(?::?(\d{2}))?)?)?$/;
const trueWords = new Set(['true', '1', 'yes', 'on']);
const falseWords = new Set(['false', '0', 'no', 'off']);

/**
 * Convert a value to its declared type. Text (`textual`: env, flags, `.env`, SSM) is converted; a typed value
 * (JSON, YAML, TOML) must already have the right type, because silently turning `"12"` into `12` hides mistakes
 * in files. Messages never contain the value (it may be a secret); the caller adds it, redacted when needed.
 * ISO date strings are accepted from both, since JSON and YAML have no date type. JSON text for an object or
 * list field is read within `limits` (default: `defaultInputLimits`) and refused with `unsafeKey` when it
 * holds a key that could pollute prototypes.
 */
export function coerceValue(
  target: CoercionTarget,
  value: unknown,
  textual: boolean,
  limits?: InputLimits,
): Coerced {
  if (value === null || value === undefined) return { ok: true, value: undefined };
  switch (target.type) {
    case 'string':
      return typeof value === 'string' ? ok(value) : wrongType('a string', value);
    case 'number':
    case 'integer':
      return coerceNumber(value, textual);
    case 'boolean':
      return coerceBoolean(value, textual);
    case 'date':
      return coerceDate(value);
    case 'enum':
      return coerceEnum(target.enumValues ?? [], value, textual);
    case 'array':
      return coerceArray(target, value, textual, limits);
    case 'object':
      return coerceObject(value, textual, limits);
    default:
      return ok(typeof value === 'bigint' ? toNumber(value) : value);
  }
}

function coerceNumber(value: unknown, textual: boolean): Coerced {
  // The value itself is never in the message (it may be a secret): the caller shows it, or `[redacted]`.
  if (typeof value === 'number') return Number.isFinite(value) ? ok(value) : fail('expected a finite number');
  if (typeof value === 'bigint') return ok(toNumber(value));
  if (typeof value === 'string' && textual) {
    const text = value.trim();
    if (!numberText.test(text)) return fail('expected a number');
    const number = Number(text);
    // `1e400` matches the pattern but overflows to Infinity: refused, as the conversion table says.
    if (!Number.isFinite(number)) return fail(`expected a number within ±${Number.MAX_VALUE.toPrecision(2)}`);
    return ok(number);
  }
  return wrongType('a number', value);
}

function coerceBoolean(value: unknown, textual: boolean): Coerced {
  if (typeof value === 'boolean') return ok(value);
  if (typeof value === 'string' && textual) {
    const word = value.trim().toLowerCase();
    if (trueWords.has(word)) return ok(true);
    if (falseWords.has(word)) return ok(false);
    return fail('expected a boolean (true/false, 1/0, yes/no, on/off)');
  }
  return wrongType('a boolean', value);
}

function coerceDate(value: unknown): Coerced {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? fail('expected a valid date') : ok(value);
  if (typeof value === 'string') {
    const match = isoDate.exec(value.trim());
    if (match) {
      // `new Date('2026-02-30')` quietly becomes 2 March: check the fields before trusting it.
      if (!fieldsExist(match)) return fail('expected a date that exists (the day or time is out of range)');
      const date = new Date(value.trim());
      if (!Number.isNaN(date.getTime())) return ok(date);
    }
  }
  return fail('expected an ISO 8601 date (2026-11-22 or 2026-11-22T10:00:00Z)');
}

/** The calendar and clock fields of an ISO match are in range: a real day of that month, 00:00:00–23:59:59. */
function fieldsExist(match: RegExpExecArray): boolean {
  const [, year, month, day, hour = '0', minute = '0', second = '0', offsetHour = '0', offsetMinute = '0'] =
    match;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  // Day 0 of the next month is the last day of this one.
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return (
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(offsetHour) <= 23 &&
    Number(offsetMinute) <= 59
  );
}

function coerceEnum(values: readonly (string | number)[], value: unknown, textual: boolean): Coerced {
  if (values.includes(value as string | number)) return ok(value);
  if (typeof value === 'string' && textual) {
    const text = value.trim();
    for (const allowed of values) {
      if (String(allowed) === text) return ok(allowed);
    }
    const folded = values.filter((allowed) => String(allowed).toLowerCase() === text.toLowerCase());
    if (folded.length === 1) return ok(folded[0]);
  }
  // Leave it to the @IsIn/@IsEnum rule, whose message lists the allowed values.
  return ok(value);
}

function coerceArray(
  target: CoercionTarget,
  value: unknown,
  textual: boolean,
  limits: InputLimits | undefined,
): Coerced {
  let items: unknown[];
  let itemsTextual = textual;
  if (Array.isArray(value)) {
    items = value;
  } else if (typeof value === 'string' && textual) {
    const text = value.trim();
    if (text.startsWith('[')) {
      const parsed = parseJsonText(text, limits);
      if (!parsed.ok)
        return parsed.unsafeKey ? parsed : fail(`expected a JSON array: the text ${parsed.message}`);
      if (!Array.isArray(parsed.value)) return fail('expected a JSON array or a comma-separated list');
      items = parsed.value;
      itemsTextual = false;
    } else {
      items = text === '' ? [] : text.split(',').map((item) => item.trim());
    }
  } else {
    return wrongType('a list', value);
  }
  if (!target.itemType || target.itemType === 'unknown') return ok(items);
  const itemTarget: CoercionTarget = { type: target.itemType, enumValues: target.enumValues };
  const result: unknown[] = [];
  for (let i = 0; i < items.length; i++) {
    // A number inside a JSON list given as text is still a typed value; a string item from a comma list is text.
    const item = items[i];
    const converted = coerceValue(itemTarget, item, itemsTextual || (typeof item === 'string' && textual));
    if (!converted.ok) return fail(`item ${i}: ${converted.message}`);
    result.push(converted.value);
  }
  return ok(result);
}

function coerceObject(value: unknown, textual: boolean, limits: InputLimits | undefined): Coerced {
  if (typeof value === 'string' && textual) {
    const parsed = parseJsonText(value.trim(), limits);
    if (!parsed.ok)
      return parsed.unsafeKey ? parsed : fail(`expected a JSON object: the text ${parsed.message}`);
    const object = parsed.value;
    if (typeof object !== 'object' || object === null || Array.isArray(object)) {
      return fail('expected a JSON object');
    }
    return ok(object);
  }
  if (typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) return ok(value);
  return wrongType('an object', value);
}

function toNumber(value: bigint): number {
  return Number(value);
}

function ok(value: unknown): Coerced {
  return { ok: true, value };
}

function fail(message: string): Coerced {
  return { ok: false, message };
}

function wrongType(expected: string, value: unknown): Coerced {
  // No "remove the quotes" here: whether the value was quoted text in a file is the caller's to know.
  return fail(`expected ${expected}, got ${kindOf(value)}`);
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
