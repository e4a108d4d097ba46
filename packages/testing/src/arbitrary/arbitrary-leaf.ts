import type { FieldType } from '@strata/core';
import fc from 'fast-check';
import type { FieldRules } from './field-rules.js';

/** Bounds for numbers without rules: wide, yet exact as doubles and readable in a failure. */
const DEFAULT_LIMIT = 1_000_000;
/** Longest generated string or array without a rule saying otherwise: small, so runs stay fast. */
const DEFAULT_LENGTH = 12;

/**
 * Values of one kind that keep the rules. Strings never contain `${` or start with `enc:`: the pipeline reads
 * those as references and encrypted values, so they would not come back unchanged.
 */
export function arbitraryLeaf(
  type: FieldType,
  rules: FieldRules,
  enumValues: readonly (string | number)[] | undefined,
): fc.Arbitrary<unknown> {
  if (enumValues && enumValues.length > 0) return fc.constantFrom(...enumValues);
  switch (type) {
    case 'integer':
      return fc.integer({
        min: Math.ceil(Math.max(rules.min ?? -DEFAULT_LIMIT, Number.MIN_SAFE_INTEGER)),
        max: Math.floor(Math.min(rules.max ?? DEFAULT_LIMIT, Number.MAX_SAFE_INTEGER)),
      });
    case 'number':
      return (
        fc
          .double({
            min: Math.max(rules.min ?? -DEFAULT_LIMIT, -Number.MAX_VALUE),
            max: Math.min(rules.max ?? DEFAULT_LIMIT, Number.MAX_VALUE),
            noNaN: true,
            noDefaultInfinity: true,
          })
          // -0 prints as 0: the same number to every reader but not to Object.is.
          .map((n) => (Object.is(n, -0) ? 0 : n))
      );
    case 'boolean':
      return fc.boolean();
    case 'date':
      return fc.date({
        min: new Date('1970-01-01T00:00:00Z'),
        max: new Date('2100-01-01T00:00:00Z'),
        noInvalidDate: true,
      });
    case 'string':
      return arbitraryString(rules);
    default:
      return fc.constant(undefined);
  }
}

function arbitraryString(rules: FieldRules): fc.Arbitrary<string> {
  const minLength = rules.minLength ?? 0;
  const maxLength = Math.min(rules.maxLength ?? Math.max(DEFAULT_LENGTH, minLength), minLength + 64);
  const fits = (s: string): boolean => s.length >= minLength && s.length <= maxLength && safe(s);
  if (rules.format) return formatted(rules.format).filter(fits);
  if (rules.pattern) {
    const pattern = rules.pattern;
    return fc.stringMatching(pattern).filter((s) => fits(s) && pattern.test(s));
  }
  return fc.string({ minLength, maxLength }).filter(safe);
}

function formatted(format: string): fc.Arbitrary<string> {
  switch (format) {
    case 'isEmail':
      return fc.emailAddress();
    case 'isUrl':
      return fc.webUrl();
    case 'isIP':
      return fc.ipV4();
    case 'isFQDN':
      return fc.domain();
    case 'isUUID':
      return fc.uuid();
    default:
      return fc.integer({ min: 0, max: 65535 }).map(String);
  }
}

function safe(s: string): boolean {
  return !s.includes('${') && !s.startsWith('enc:');
}
