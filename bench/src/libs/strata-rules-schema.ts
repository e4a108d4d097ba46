import { IsBoolean, IsIn, IsInt, IsString, Length, Max, Min } from '@strata/core/rules';
import type { SectionSpec } from '../fixtures/fixture-spec.js';
import { type ConfigClass, sectionClassWith } from './section-class.js';

const rules = { IsBoolean, IsIn, IsInt, IsString, Length, Max, Min };

/**
 * A class per section, decorated from `@strata/core/rules` as Strata's documentation recommends: the same
 * class-validator functions, loaded file by file without class-validator's index (nor class-transformer's).
 */
export function strataSectionClass(section: SectionSpec): ConfigClass {
  return sectionClassWith(rules, section);
}
