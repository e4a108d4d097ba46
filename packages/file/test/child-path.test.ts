import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childPath } from '../src/parse/child-path.js';

describe('childPath', () => {
  it('is the path with the key appended, at every depth, leaving the path alone', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 7 }), fc.string(), (path, key) => {
        const before = [...path];
        expect(childPath(path, key)).toEqual([...path, key]);
        expect(path).toEqual(before);
      }),
    );
  });
});
