// Equal constraint lists are shared across a schema's fields (one array and one description each), without
// any field's list reading differently: same names, arguments and order as when every field had its own.
import { describe, expect, it } from 'vitest';
import { Section } from '@strata/core';
import { IsIn, IsInt, IsString, Length, Matches, Max, Min } from '@strata/core/rules';
import { readSchema } from '../src/schema/read-schema.js';

@Section('shared')
class SharedConfig {
  @IsString() @Length(1, 128) a = 'x';
  @IsString() @Length(1, 128) b = 'y';
  @IsString() @Length(1, 12) c = 'z';
  @IsIn(['debug', 'info']) d = 'info';
  @IsIn(['debug', 'info']) e = 'debug';
  @IsIn(['debug', 1]) f = 'debug';
  @IsIn(['debug', '1']) g = 'debug';
  @IsInt() @Min(1, { each: true }) h = [1];
  @IsInt() @Min(1) i = 1;
  @Max(1) @IsInt() j = 1;
  @Matches(/x/) k = 'x';
  @Matches(/x/) l = 'x';
}

const schema = readSchema([SharedConfig]);
const constraints = (key: string) => schema.field(`shared.${key}`)!.constraints;

describe('constraint lists', () => {
  it('shares one frozen list between fields whose constraints and arguments are equal', () => {
    expect(constraints('a')).toBe(constraints('b'));
    expect(constraints('d')).toBe(constraints('e'));
    expect(Object.isFrozen(constraints('a'))).toBe(true);
    expect(Object.isFrozen(constraints('a')[0])).toBe(true);
    // Decorators run bottom-up: the list is in the order they recorded.
    expect(constraints('a')).toEqual([
      { name: 'isLength', args: [1, 128], each: false },
      { name: 'isString', args: [], each: false },
    ]);
  });

  it('keeps lists apart that differ in an argument, its type, `each` or the order of the rules', () => {
    expect(constraints('c')).not.toBe(constraints('a'));
    expect(constraints('c')[0]).toEqual({ name: 'isLength', args: [1, 12], each: false });
    expect(constraints('f')).not.toBe(constraints('g'));
    expect(constraints('f')).toEqual([{ name: 'isIn', args: [['debug', 1]], each: false }]);
    expect(constraints('g')).toEqual([{ name: 'isIn', args: [['debug', '1']], each: false }]);
    expect(constraints('h')[0]).toEqual({ name: 'min', args: [1], each: true });
    expect(constraints('i')[0]).toEqual({ name: 'min', args: [1], each: false });
    expect(constraints('i').map((c) => c.name)).toEqual(['min', 'isInt']);
    expect(constraints('j').map((c) => c.name)).toEqual(['isInt', 'max']);
  });

  it('gives each field its own list when an argument compares by identity (a RegExp)', () => {
    expect(constraints('k')).not.toBe(constraints('l'));
    expect(constraints('k')).toEqual([{ name: 'matches', args: [/x/, undefined], each: false }]);
  });
});
