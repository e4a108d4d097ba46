import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Section } from '@strata/core';
import { readSchemaResult } from '../src/schema/read-schema.js';

@Section('checked')
class Checked {
  @IsInt() int!: number;
  @IsString() string!: string;
  @IsBoolean() boolean!: boolean;
  @IsNumber() number!: number;
  @IsNumber({ allowNaN: true, allowInfinity: true, maxDecimalPlaces: 2 }) decimals!: number;
  @Min(3) atLeast!: number;
  @Max(7.5) atMost!: number;
  @IsIn(['a', 1, null]) oneOf!: unknown;
  @Length(2, 5) shortText!: string;
  @Length(3) longText!: string;
  @Min(3, { each: true }) each!: number[];
}

const values = fc.oneof(
  fc.anything(),
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -10, max: 10 }),
  fc.double({ min: -10, max: 10 }),
  fc.constantFrom('a', 1, null, Number.NaN, Number.POSITIVE_INFINITY, 1.25, 1.255, '😀😀'),
);

function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch {
    return 'throws';
  }
}

describe('compiled rules', () => {
  const { model, rules: schemaRules } = readSchemaResult([Checked]);
  const section = model.sections[0]!;
  const objectRules = schemaRules.get(section)!;
  const keys = [...section.fields.keys()];

  it.each([...section.fields.keys()])(
    '%s: the built-in check gives the verdict of the constraint itself',
    (key) => {
      const rules = objectRules.rulesOf(keys.indexOf(key));
      expect(rules).toHaveLength(1);
      const rule = rules[0]!;
      expect(rule.check).toBeTypeOf('function');
      fc.assert(
        fc.property(values, (value) => {
          const args = {
            value,
            constraints: [...rule.constraints],
            targetName: 'Checked',
            object: {},
            property: key,
          };
          // Called as a method, the way validation calls it: a check may read its rule's constraints.
          // (class-validator's isNumber throws on 5e-324 with maxDecimalPlaces: both must throw then.)
          expect(outcome(() => rule.check?.(value))).toBe(outcome(() => rule.validate(value, args)));
        }),
      );
    },
  );

  it('describes each constraint with its arguments', () => {
    const constraints = (key: string) => section.fields.get(key)?.constraints;
    expect(constraints('atLeast')).toEqual([{ name: 'min', args: [3], each: false }]);
    expect(constraints('each')).toEqual([{ name: 'min', args: [3], each: true }]);
    expect(constraints('int')).toEqual([{ name: 'isInt', args: [], each: false }]);
    expect(constraints('oneOf')).toEqual([{ name: 'isIn', args: [['a', 1, null]], each: false }]);
    expect(constraints('shortText')).toEqual([{ name: 'isLength', args: [2, 5], each: false }]);
  });

  it("keeps each class flat: every field's rules in field order, switches only for fields that have them", () => {
    @Section('switched')
    class Switched {
      @IsInt() @Min(1) first!: number;
      bare = 'x';
      @IsOptional() @IsString() optional?: string;
      @ValidateIf(() => true) @Max(3) conditional!: number;
      @IsDefined() defined = 1;
    }
    const read = readSchemaResult([Switched]);
    const rules = read.rules.get(read.model.sections[0]!)!;
    const keys = [...read.model.sections[0]!.fields.keys()];
    const byKey = (read: (index: number) => unknown) => Object.fromEntries(keys.map((k, i) => [k, read(i)]));
    expect(byKey((i) => rules.rulesOf(i).map((rule) => rule.name))).toEqual({
      first: ['min', 'isInt'],
      bare: [],
      optional: ['isString'],
      conditional: ['max'],
      defined: [],
    });
    expect(rules.rules).toHaveLength(4);
    const switches = (i: number) => {
      const on = rules.switches?.[i];
      return on && [on.optional, on.conditions, on.defined];
    };
    expect(byKey(switches)).toEqual({
      first: undefined,
      bare: undefined,
      optional: [true, [], false],
      conditional: [false, [expect.any(Function)], false],
      defined: [false, [], true],
    });
    // A class whose fields have no switches keeps none.
    expect(schemaRules.get(section)!.switches).toBeUndefined();
  });
});
