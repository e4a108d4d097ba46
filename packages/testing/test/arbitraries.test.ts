import 'reflect-metadata';
import { Section } from '@strata/core';
import { IsInt, IsString, Max, Min, Validate, type ValidatorConstraintInterface } from '@strata/core/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryConfig, arbitraryInvalid, TestingError } from '../src/index.js';

class EvenNumber implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'number' && value % 2 === 0;
  }
}

@Section('custom')
class CustomConfig {
  @IsInt() @Validate(EvenNumber) even = 2;
  @IsInt() @Min(1) @Max(3) small = 1;
}

@Section('free')
class FreeConfig {
  @IsString() label = 'x';
}

describe('arbitraries', () => {
  it('refuse a field with a rule they cannot read, naming it and the way out', () => {
    expect(() => arbitraryConfig(CustomConfig)).toThrow(TestingError);
    expect(() => arbitraryConfig(CustomConfig)).toThrow(/custom\.even .*fields: \{ 'custom\.even'/);
  });

  it('take a generator for such a field', () => {
    const values = fc.sample(
      arbitraryConfig(CustomConfig, {
        fields: { 'custom.even': fc.integer({ min: 0, max: 5 }).map((n) => n * 2) },
      }),
      20,
    );
    for (const { values: v } of values) {
      expect((v.even ?? 0) % 2).toBe(0);
      expect(v.small).toBeGreaterThanOrEqual(1);
      expect(v.small).toBeLessThanOrEqual(3);
    }
  });

  it('say when there is no rule to break', () => {
    expect(() => arbitraryInvalid(FreeConfig)).toThrow(/no rule arbitraryInvalid can break/);
  });
});
