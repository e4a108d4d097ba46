import { describe, expect, test } from 'vitest';
import { fractionalBucket, murmur3 } from '../src/index.js';
import { murmur3Bytes } from '../src/rules/murmur3.js';
import { evaluateCompiled } from '../src/evaluation/evaluate-compiled.js';
import { compileFlag } from '../src/rules/compile-flag.js';

describe('murmur3 (x86, 32-bit)', () => {
  test.each([
    ['', 0, 0],
    ['', 1, 0x514e28b7],
    ['test', 0, 0xba6bd213],
    ['The quick brown fox jumps over the lazy dog', 0, 0x2e4ff723],
  ])('%j with seed %d', (text, seed, expected) => {
    expect(murmur3(text, seed)).toBe(expected);
  });

  test('non-ASCII text is hashed as its UTF-8 bytes', () => {
    const text = 'Grüße, 世界';
    const bytes = new TextEncoder().encode(text);
    // A string of one char per byte takes the ASCII path only when all bytes are ASCII; compare with a
    // hand-made UTF-8 byte string hashed through the byte path.
    expect(murmur3(text)).toBe(murmur3Bytes(bytes));
    expect(murmur3(text)).not.toBe(murmur3('Grusse, world'));
  });
});

// The vectors of flagd's shared test suite (flagd-testbed, evaluator/gherkin/fractional.feature, "v1", the
// algorithm flagd's fractional-operation specification describes).
describe("flagd's fractional buckets", () => {
  const suits = ['clubs', 'diamonds', 'hearts', 'spades'];
  test.each([
    ['jack', 'spades'],
    ['queen', 'clubs'],
    ['ten', 'diamonds'],
    ['nine', 'hearts'],
    ['3', 'diamonds'],
  ])('fractional-flag, user.name %s → %s (25/25/25/25)', (name, suit) => {
    expect(suits[Math.floor(fractionalBucket(`fractional-flag${name}`) / 25)]).toBe(suit);
  });

  test.each([
    ['jon@company.com', 'heads'],
    ['jane@company.com', 'tails'],
  ])('a split with no `by` buckets flag key + targetingKey: %s → %s', (targetingKey, expected) => {
    const compiled = compileFlag({
      key: 'fractional-flag-shorthand',
      value: 'fallback',
      rules: { split: { heads: 50, tails: 50 } },
    });
    if (!compiled.ok) throw new Error(compiled.problems.join('; '));
    expect(evaluateCompiled(compiled.flag, { targetingKey }, Date.now)).toMatchObject({
      value: expected,
      variant: expected,
      reason: 'SPLIT',
    });
  });
});
