import { type LeafValue, type SchemaModel } from '@strata/core';
import { isPlainObject } from '@strata/core/source';
import { mergeInto } from './merge-into.js';
import type { SectionValues } from './section-values.js';
import { TestingError } from './testing-error.js';

/** A tree of plain values, as a layer is built from. */
export type ValueTree = { [key: string]: LeafValue };

/**
 * Lay `values` into one tree at their classes' paths in `schema`. Later values win; plain objects merge,
 * everything else replaces, as layers do.
 */
export function valueTreeOf(schema: SchemaModel, values: readonly SectionValues[]): ValueTree {
  const tree: ValueTree = Object.create(null);
  for (const { section, values: partial } of values) {
    const object = schema.objectOf(section);
    if (!object) {
      throw new TestingError(
        `${section.name} is not a section (or a class nested in one) of this configuration; ` +
          'add it to `sections`.',
      );
    }
    // DeepPartial<T> is a typed view of the same plain values a layer holds.
    const plain = partial as unknown as LeafValue;
    if (!isPlainObject(plain))
      throw new TestingError(`The values for ${section.name} must be a plain object`);
    mergeInto(tree, object.segments.length === 0 ? plain : nest(object.segments, plain));
  }
  return tree;
}

function nest(segments: readonly string[], value: LeafValue): ValueTree {
  let node: LeafValue = value;
  for (let i = segments.length - 1; i >= 0; i--) {
    const parent: ValueTree = Object.create(null);
    parent[segments[i] as string] = node;
    node = parent;
  }
  return node as ValueTree;
}
