import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import type { SectionSpec } from '../fixtures/fixture-spec.js';
import { type ConfigClass, sectionClassWith } from './section-class.js';

export type { ConfigClass } from './section-class.js';

const rules = { IsBoolean, IsIn, IsInt, IsString, Length, Max, Min };

/**
 * A class per section, decorated from class-validator's index (`import { IsInt } from 'class-validator'`),
 * as nest-typed-config's and @nestjs/config's documentation show. Shared by those two and by the
 * "Strata (class-validator index)" cold-start variant, each in its own process.
 */
export function sectionClass(section: SectionSpec): ConfigClass {
  return sectionClassWith(rules, section);
}

/** A root class holding one nested, validated property per section (nest-typed-config, @nestjs/config). */
export function rootClass(sections: readonly SectionSpec[], classes: readonly ConfigClass[]): ConfigClass {
  const cls = class {};
  Object.defineProperty(cls, 'name', { value: 'RootConfig' });
  sections.forEach((section, i) => {
    const sectionCls = classes[i]!;
    Reflect.defineMetadata('design:type', sectionCls, cls.prototype, section.name);
    ValidateNested()(cls.prototype, section.name);
    Type(() => sectionCls)(cls.prototype, section.name);
  });
  return cls;
}
