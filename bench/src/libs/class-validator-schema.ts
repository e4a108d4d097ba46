import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import type { FieldSpec, SectionSpec } from '../fixtures/fixture-spec.js';

/** A configuration class made at run time. */
export type ConfigClass = new () => object;

/**
 * A class per section with class-validator decorators applied as functions, exactly what TypeScript emits
 * for `@IsInt() @Min(1) @Max(9) k01!: number` (including the `design:type` metadata of
 * `emitDecoratorMetadata`). Shared by Strata, nest-typed-config and @nestjs/config, each in its own process.
 */
export function sectionClass(section: SectionSpec): ConfigClass {
  const cls = class {};
  Object.defineProperty(cls, 'name', { value: `${section.name.toUpperCase()}Config` });
  for (const field of section.fields) decorateField(cls.prototype, field);
  return cls;
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

function decorateField(prototype: object, field: FieldSpec): void {
  const key = field.key;
  switch (field.kind) {
    case 'int':
      Reflect.defineMetadata('design:type', Number, prototype, key);
      IsInt()(prototype, key);
      Min(field.min)(prototype, key);
      Max(field.max)(prototype, key);
      return;
    case 'string':
      Reflect.defineMetadata('design:type', String, prototype, key);
      IsString()(prototype, key);
      Length(field.minLength, field.maxLength)(prototype, key);
      return;
    case 'boolean':
      Reflect.defineMetadata('design:type', Boolean, prototype, key);
      IsBoolean()(prototype, key);
      return;
    case 'enum':
      Reflect.defineMetadata('design:type', String, prototype, key);
      IsIn([...field.values])(prototype, key);
      return;
  }
}
