import type { IsBoolean, IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';
import type { FieldSpec, SectionSpec } from '../fixtures/fixture-spec.js';

/** A configuration class made at run time. */
export type ConfigClass = new () => object;

/**
 * The class-validator decorators a fixture section uses. Passed in rather than imported, so each library's
 * schema comes from the entry its documentation recommends: Strata's from `@strata/core/rules`, the Nest
 * libraries' from `class-validator` (the same functions either way, loaded at a different cost).
 */
export interface SectionRules {
  readonly IsInt: typeof IsInt;
  readonly Min: typeof Min;
  readonly Max: typeof Max;
  readonly IsString: typeof IsString;
  readonly Length: typeof Length;
  readonly IsBoolean: typeof IsBoolean;
  readonly IsIn: typeof IsIn;
}

/**
 * A class per section with class-validator decorators applied as functions, exactly what TypeScript emits
 * for `@IsInt() @Min(1) @Max(9) k01!: number` (including the `design:type` metadata of
 * `emitDecoratorMetadata`).
 */
export function sectionClassWith(rules: SectionRules, section: SectionSpec): ConfigClass {
  const cls = class {};
  Object.defineProperty(cls, 'name', { value: `${section.name.toUpperCase()}Config` });
  for (const field of section.fields) decorateField(rules, cls.prototype, field);
  return cls;
}

function decorateField(rules: SectionRules, prototype: object, field: FieldSpec): void {
  const key = field.key;
  switch (field.kind) {
    case 'int':
      Reflect.defineMetadata('design:type', Number, prototype, key);
      rules.IsInt()(prototype, key);
      rules.Min(field.min)(prototype, key);
      rules.Max(field.max)(prototype, key);
      return;
    case 'string':
      Reflect.defineMetadata('design:type', String, prototype, key);
      rules.IsString()(prototype, key);
      rules.Length(field.minLength, field.maxLength)(prototype, key);
      return;
    case 'boolean':
      Reflect.defineMetadata('design:type', Boolean, prototype, key);
      rules.IsBoolean()(prototype, key);
      return;
    case 'enum':
      Reflect.defineMetadata('design:type', String, prototype, key);
      rules.IsIn([...field.values])(prototype, key);
      return;
  }
}
