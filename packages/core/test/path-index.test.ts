import { IsInt, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { describe, expect, it } from 'vitest';
import { Section } from '@strata/core';
import { readSchema } from '@strata/core/tooling';
import { PathIndex, type Resolution } from '../src/pipeline/path-index.js';

class Pool {
  @IsInt() maxSize = 5;
}

@Section('database')
class DatabaseConfig {
  @IsInt() poolSize = 10;
  @IsInt() port = 5432;
  @Type(() => Pool) @ValidateNested() pool = new Pool();
}

@Section('app.http')
class HttpConfig {
  @IsInt() timeoutMs = 100;
}

// Two names that fold alike, in either order: the first declared keeps the relaxed spelling.
@Section('clash')
class ClashConfig {
  @IsInt() retries = 1;
  @IsInt() Retries = 2;
  @IsInt() max_age = 3;
  @IsInt() maxage = 4;
}

class Deepest {
  @IsInt() leaf = 1;
}

class Deeper {
  @Type(() => Deepest) @ValidateNested() deepest = new Deepest();
}

@Section('a.b.c')
class DeepConfig {
  @Type(() => Deeper) @ValidateNested() deeper = new Deeper();
}

const schema = readSchema([DatabaseConfig, HttpConfig, ClashConfig, DeepConfig]);
const index = new PathIndex(schema);
const where = (resolution: Resolution): string => {
  if (resolution.kind === 'field') return [resolution.field.path, ...resolution.rest].join('.');
  return `${resolution.kind} ${resolution.path}`;
};

describe('PathIndex', () => {
  it('finds fields by exact and by relaxed names', () => {
    expect(where(index.resolve(['database', 'poolSize']))).toBe('database.poolSize');
    expect(where(index.resolve(['DATABASE', 'POOL_SIZE']))).toBe('database.poolSize');
    expect(where(index.resolve(['Database', 'pool-size']))).toBe('database.poolSize');
    expect(where(index.resolve(['DATABASE', 'PORT']))).toBe('database.port');
    expect(where(index.resolve(['database', 'POOL', 'MAX_SIZE']))).toBe('database.pool.maxSize');
    expect(where(index.resolve(['APP', 'HTTP', 'TIMEOUT_MS']))).toBe('app.http.timeoutMs');
  });

  it('gives the same resolution to every entry that lands on a field, and the rest below it', () => {
    const first = index.resolve(['database', 'port']);
    expect(index.resolve(['DATABASE', 'PORT'])).toEqual(first);
    expect(first).toMatchObject({ kind: 'field', rest: [] });
    expect(index.resolve(['database', 'port', 'x', 'y'])).toMatchObject({ kind: 'field', rest: ['x', 'y'] });
  });

  it("finds the slot of a path naming a field exactly, in any spelling, and nothing else's", () => {
    const first = index.resolve(['database', 'port']);
    expect(first.kind === 'field' ? first.slot : undefined).toBeTypeOf('number');
    expect(index.slotAt(['database', 'port'])).toBe(first.kind === 'field' ? first.slot : -1);
    expect(index.slotAt(['DATABASE', 'PORT'])).toBe(index.slotAt(['database', 'port']));
    expect(index.slotAt(['database', 'pool', 'max_size'])).toBe(
      index.slotAt(['database', 'pool', 'maxSize']),
    );
    expect(index.slotAt(['database', 'port', 'x'])).toBeUndefined();
    expect(index.slotAt(['database', 'pool'])).toBeUndefined();
    expect(index.slotAt(['database'])).toBeUndefined();
    expect(index.slotAt(['nowhere', 'port'])).toBeUndefined();
  });

  it('prefers an exact name, then the first name declared with the same relaxed form', () => {
    expect(where(index.resolve(['clash', 'Retries']))).toBe('clash.Retries');
    expect(where(index.resolve(['clash', 'RETRIES']))).toBe('clash.retries');
    expect(where(index.resolve(['clash', 'maxage']))).toBe('clash.maxage');
    expect(where(index.resolve(['clash', 'MAX_AGE']))).toBe('clash.max_age');
    expect(where(index.resolve(['clash', 'MaxAge']))).toBe('clash.max_age');
  });

  it('reaches fields at any depth, each with its own segments', () => {
    expect(where(index.resolve(['A', 'B', 'C', 'DEEPER', 'DEEPEST', 'LEAF']))).toBe(
      'a.b.c.deeper.deepest.leaf',
    );
    for (const field of schema.fields) expect(field.segments).toEqual(field.path.split('.'));
    expect(schema.object('a.b.c.deeper.deepest')?.segments).toEqual(['a', 'b', 'c', 'deeper', 'deepest']);
  });

  it('resolves objects, and suggests a spelling for unknown paths', () => {
    expect(where(index.resolve(['database', 'pool']))).toBe('object database.pool');
    expect(where(index.resolve(['app']))).toBe('object app');
    expect(index.resolve(['database', 'prot'])).toMatchObject({
      kind: 'unknown',
      path: 'database.prot',
      suggestion: 'database.port',
    });
  });

  it('suggests only paths that exist, correcting every misspelt segment', () => {
    // The rest under a corrected segment must resolve too: `database.X` is not a key to suggest.
    expect(index.resolve(['DATABSE', 'X'])).toMatchObject({ kind: 'unknown', suggestion: undefined });
    expect(index.resolve(['databse', 'nothing_like_it'])).toMatchObject({ suggestion: undefined });
    expect(index.resolve(['DATABSE', 'POOLSIZ'])).toMatchObject({ suggestion: 'database.poolSize' });
    expect(index.resolve(['databse', 'pool', 'maxsize'])).toMatchObject({
      suggestion: 'database.pool.maxSize',
    });
  });
});
