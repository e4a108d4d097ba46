import { type Constructor } from '@strata/core';
import { readSchema } from '@strata/core/tooling';
import type fc from 'fast-check';
import type { DeepPartial } from '../deep-partial.js';
import type { SectionValues } from '../section-values.js';
import { TestingError } from '../testing-error.js';
import { arbitraryObject } from './arbitrary-object.js';
import type { ArbitraryOptions } from './arbitrary-options.js';

/**
 * Valid values for a `@Section` class, read from its schema: ranges, lengths, enums, patterns, the string
 * formats class-validator names (`isEmail`, `isUrl`, `isIP`, `isFQDN`, `isUUID`, `isPort`), nested classes
 * and arrays. Optional fields are sometimes left out. A field with a constraint it cannot read (a custom one)
 * needs a generator in `options.fields`, or this throws naming it.
 */
export function arbitraryConfig<T extends object>(
  section: Constructor<T>,
  options: ArbitraryOptions = {},
): fc.Arbitrary<SectionValues<T>> {
  const schema = readSchema([section]);
  const object = schema.objectOf(section);
  if (!object) throw new TestingError(`${section.name} is not a @Section class`);
  return arbitraryObject(object, schema, options).map((values) => ({
    section,
    // The generated tree holds the section's own plain values: a full DeepPartial<T>.
    values: values as DeepPartial<T>,
  }));
}
