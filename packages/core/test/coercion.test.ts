import { describe, expect, it } from 'vitest';
import { type CoercionTarget, coerceValue } from '../src/pipeline/coerce-value.js';

const int: CoercionTarget = { type: 'integer' };
const num: CoercionTarget = { type: 'number' };
const bool: CoercionTarget = { type: 'boolean' };

describe('coerceValue from text (env, argv, .env)', () => {
  it.each([
    [num, '42', 42],
    [num, ' -3.5 ', -3.5],
    [num, '1e3', 1000],
    [num, '.5', 0.5],
    [int, '8080', 8080],
    [bool, 'true', true],
    [bool, 'FALSE', false],
    [bool, '1', true],
    [bool, '0', false],
    [bool, 'Yes', true],
    [bool, 'no', false],
    [bool, 'ON', true],
    [bool, 'off', false],
    [{ type: 'array', itemType: 'integer' } as CoercionTarget, '[1, 2, 3]', [1, 2, 3]],
    [{ type: 'array', itemType: 'integer' } as CoercionTarget, '1, 2,3', [1, 2, 3]],
    [{ type: 'array', itemType: 'string' } as CoercionTarget, 'a,b', ['a', 'b']],
    [{ type: 'array', itemType: 'string' } as CoercionTarget, '', []],
    [{ type: 'array', itemType: 'boolean' } as CoercionTarget, 'yes,off', [true, false]],
    [{ type: 'object' } as CoercionTarget, '{"a":1}', { a: 1 }],
    [{ type: 'enum', enumValues: ['debug', 'info'] } as CoercionTarget, 'info', 'info'],
    [{ type: 'enum', enumValues: ['debug', 'info'] } as CoercionTarget, 'INFO', 'info'],
    [{ type: 'enum', enumValues: [1, 2] } as CoercionTarget, '2', 2],
    [{ type: 'string' } as CoercionTarget, '007', '007'],
  ])('%j %j → %j', (target, input, expected) => {
    expect(coerceValue(target, input, true)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [num, '12abc'],
    [num, ''],
    [num, '   '],
    [num, 'NaN'],
    [num, 'Infinity'],
    [num, '0x10'],
    [bool, 'maybe'],
    [bool, ''],
    [{ type: 'array', itemType: 'integer' } as CoercionTarget, '1,two'],
    [{ type: 'array', itemType: 'integer' } as CoercionTarget, '[1,'],
    [{ type: 'object' } as CoercionTarget, '[1]'],
    [{ type: 'object' } as CoercionTarget, 'a=1'],
    [{ type: 'date' } as CoercionTarget, 'yesterday'],
    [{ type: 'date' } as CoercionTarget, '2026-13-45'],
    [num, '1e400'],
    [int, '-1e400'],
    [{ type: 'date' } as CoercionTarget, '2026-02-30'],
    [{ type: 'date' } as CoercionTarget, '2026-02-29T10:00:00Z'],
    [{ type: 'date' } as CoercionTarget, '2026-06-31'],
    [{ type: 'date' } as CoercionTarget, '2026-01-01T24:00:00Z'],
  ])('%j rejects %j', (target, input) => {
    const result = coerceValue(target, input, true);
    expect(result.ok).toBe(false);
    // The message never repeats the value: it may be a secret.
    if (!result.ok && input.trim() !== '') expect(result.message).not.toContain(input);
  });

  it('parses ISO dates', () => {
    const result = coerceValue({ type: 'date' }, '2026-11-22T10:00:00Z', true);
    expect(result.ok && (result.value as Date).toISOString()).toBe('2026-11-22T10:00:00.000Z');
    expect(coerceValue({ type: 'date' }, '2026-11-22', true).ok).toBe(true);
  });
});

describe('coerceValue from typed files (JSON, YAML, TOML)', () => {
  it('does not turn the wrong type into the right one silently', () => {
    expect(coerceValue(num, '12', false)).toEqual({
      ok: false,
      message: 'expected a number, got a string',
    });
    expect(coerceValue(bool, 'true', false).ok).toBe(false);
    expect(coerceValue({ type: 'string' }, 12, false)).toEqual({
      ok: false,
      message: 'expected a string, got a number',
    });
    expect(coerceValue({ type: 'array', itemType: 'integer' }, 'a,b', false).ok).toBe(false);
    expect(coerceValue({ type: 'array', itemType: 'integer' }, [1, '2'], false).ok).toBe(false);
  });

  it('keeps values of the right type, and ISO date strings', () => {
    expect(coerceValue(num, 12.5, false)).toEqual({ ok: true, value: 12.5 });
    expect(coerceValue(bool, false, false)).toEqual({ ok: true, value: false });
    expect(coerceValue({ type: 'array', itemType: 'integer' }, [1, 2], false)).toEqual({
      ok: true,
      value: [1, 2],
    });
    expect(coerceValue({ type: 'date' }, '2026-01-02', false).ok).toBe(true);
    expect(coerceValue(num, 10n, false)).toEqual({ ok: true, value: 10 });
    expect(coerceValue(num, null, false)).toEqual({ ok: true, value: undefined });
  });
});
