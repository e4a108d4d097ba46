import { describe, expect, it } from 'vitest';
import { coerceValue } from '../src/pipeline/coerce-value.js';
import { defaultInputLimits, resolveInputLimits } from '@strata/core/source';

// JSON text for object and list fields (env vars, .env files, flags): the conversion every textual route
// shares refuses keys that could pollute prototypes and text past the input limits.

describe('coerceValue: JSON text', () => {
  it.each([
    ['object', '{"__proto__": {"polluted": "yes"}}', '__proto__', ['__proto__']],
    ['object', '{"a": {"constructor": {"prototype": {}}}}', 'constructor', ['a', 'constructor']],
    ['array', '[{"x": 1}, {"prototype": 1}]', 'prototype', ['1', 'prototype']],
  ] as const)('%s %s is refused with unsafeKey', (type, text, segment, path) => {
    const result = coerceValue({ type }, text, true);
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.unsafeKey).toEqual({ segment, path });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps ordinary objects and lists', () => {
    expect(coerceValue({ type: 'object' }, '{"proto": 1, "a": [1, {"b": 2}]}', true)).toEqual({
      ok: true,
      value: { proto: 1, a: [1, { b: 2 }] },
    });
    expect(coerceValue({ type: 'array' }, '[1, 2]', true)).toEqual({ ok: true, value: [1, 2] });
  });

  it('refuses text past a limit before parsing it, naming the limit and never the text', () => {
    const deep = `${'{"a":'.repeat(100)}"hunter2"${'}'.repeat(100)}`;
    const result = coerceValue({ type: 'object' }, deep, true, defaultInputLimits);
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.message;
    expect(message).toMatch(/nests deeper than the limit of 64 levels \(limits\.maxDepth\)/);
    expect(message).not.toContain('hunter2');
    expect(coerceValue({ type: 'object' }, deep, true, resolveInputLimits({ maxDepth: 200 })).ok).toBe(true);
  });

  it('says invalid JSON is invalid without repeating it', () => {
    const result = coerceValue({ type: 'object' }, '{"password": hunter2}', true);
    expect(result.ok ? '' : result.message).toBe('expected a JSON object: the text is not valid JSON');
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => resolveInputLimits({ maxDepth: 0 })).toThrow(/limits\.maxDepth must be a positive integer/);
    expect(() => resolveInputLimits({ maxBytes: Number.NaN })).toThrow(RangeError);
  });
});
