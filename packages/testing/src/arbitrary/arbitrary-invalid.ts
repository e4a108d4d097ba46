import { type Constructor, type FieldSchema, type ObjectSchema } from '@strata/core';
import { readSchema } from '@strata/core/tooling';
import fc from 'fast-check';
import type { DeepPartial } from '../deep-partial.js';
import type { SectionValues } from '../section-values.js';
import { TestingError } from '../testing-error.js';
import { arbitraryObject } from './arbitrary-object.js';
import type { ArbitraryOptions } from './arbitrary-options.js';
import { brokenRules } from './broken-rules.js';
import { type FieldRules, fieldRules } from './field-rules.js';

/** Values that break exactly one rule, and which. */
export interface InvalidConfig<T extends object = object> {
  /** Valid values everywhere except at `path`. */
  readonly values: SectionValues<T>;
  /** The dotted path of the broken value (`database.port`). */
  readonly path: string;
  /**
   * The rule it breaks, as a validation issue names it: a class-validator constraint (`min`, `maxLength`,
   * `isIn`, `matches`), or `required` for a value left out.
   */
  readonly rule: string;
  /** The value put there, or undefined when the value was left out. */
  readonly value: unknown;
}

interface Break {
  readonly path: string;
  readonly rule: string;
  /** Undefined: leave the value out. */
  readonly value: unknown;
}

/**
 * Values for a `@Section` class that are valid but for one value, which breaks exactly one rule: a bound
 * (`min`, `max`, `isPositive`, `isNegative`), a length, an enum, a pattern, an integer, or a required value
 * left out. Throws when the schema has no rule it can break.
 */
export function arbitraryInvalid<T extends object>(
  section: Constructor<T>,
  options: ArbitraryOptions = {},
): fc.Arbitrary<InvalidConfig<T>> {
  const schema = readSchema([section]);
  const object = schema.objectOf(section);
  if (!object) throw new TestingError(`${section.name} is not a @Section class`);
  const breaks = breaksOf(object);
  if (breaks.length === 0) throw new TestingError(`${section.name} has no rule arbitraryInvalid can break`);
  const valid = arbitraryObject(object, schema, options);
  return fc.tuple(valid, fc.constantFrom(...breaks)).map(([tree, broken]) => {
    const relative = broken.path.split('.').slice(object.segments.length);
    return {
      values: { section, values: placed(tree, relative, broken.value) as DeepPartial<T> },
      path: broken.path,
      rule: broken.rule,
      value: broken.value,
    };
  });
}

function breaksOf(object: ObjectSchema): Break[] {
  const breaks: Break[] = [];
  for (const field of object.fields.values()) breaks.push(...fieldBreaks(field));
  for (const child of object.children.values()) breaks.push(...breaksOf(child));
  return breaks;
}

/** Every value that breaks one rule of `field` and no other. */
function fieldBreaks(field: FieldSchema): Break[] {
  if (field.required) return [{ path: field.path, rule: 'required', value: undefined }];
  if (field.type === 'array' || field.type === 'object' || field.type === 'unknown') return [];
  const rules = fieldRules(field, false);
  const names = new Set(field.constraints.map((c) => c.name));
  const candidates: [string, unknown][] = [];
  const numeric = field.type === 'integer' || field.type === 'number';
  if (numeric && rules.min !== undefined) {
    candidates.push([
      names.has('min') ? 'min' : 'isPositive',
      field.type === 'integer' ? Math.ceil(rules.min) - 1 : rules.min - 1,
    ]);
  }
  if (numeric && rules.max !== undefined) {
    candidates.push([
      names.has('max') ? 'max' : 'isNegative',
      field.type === 'integer' ? Math.floor(rules.max) + 1 : rules.max + 1,
    ]);
  }
  if (field.type === 'integer')
    candidates.push(['isInt', Math.max(rules.min ?? 0, Math.min(rules.max ?? 1, 0)) + 0.5]);
  if (field.type === 'string' && !field.enumValues) stringBreaks(rules, names, candidates);
  if (field.enumValues) {
    const rule = names.has('isEnum') ? 'isEnum' : 'isIn';
    candidates.push([
      rule,
      typeof field.enumValues[0] === 'number' ? outsideNumbers(field.enumValues) : 'not-one-of-them',
    ]);
  }
  return candidates
    .filter(([rule, value]) => {
      const broken = brokenRules(field, rules, value);
      return broken.length === 1 && broken[0] === rule;
    })
    .map(([rule, value]) => ({ path: field.path, rule, value }));
}

function stringBreaks(rules: FieldRules, names: ReadonlySet<string>, candidates: [string, unknown][]): void {
  const lengthRule = (rule: string): string => (names.has('isLength') ? 'isLength' : rule);
  if (rules.minLength !== undefined && rules.minLength > 0) {
    candidates.push([
      names.has('isNotEmpty') && rules.minLength === 1 ? 'isNotEmpty' : lengthRule('minLength'),
      'a'.repeat(rules.minLength - 1),
    ]);
  }
  if (rules.maxLength !== undefined && Number.isFinite(rules.maxLength)) {
    candidates.push([lengthRule('maxLength'), 'a'.repeat(rules.maxLength + 1)]);
  }
  if (rules.pattern) {
    for (const probe of ['', '!', ' ', '0', 'a', 'A', '-', '#not-matching#'])
      candidates.push(['matches', probe]);
  }
}

function outsideNumbers(values: readonly (string | number)[]): number {
  let n = -1;
  while (values.includes(n)) n--;
  return n;
}

/** A copy of `tree` with `value` at `segments` (left out when undefined). */
function placed(
  tree: Record<string, unknown>,
  segments: readonly string[],
  value: unknown,
): Record<string, unknown> {
  const [head, ...rest] = segments;
  if (head === undefined) return tree;
  const copy: Record<string, unknown> = { ...tree };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
  } else {
    copy[head] = placed((tree[head] as Record<string, unknown> | undefined) ?? {}, rest, value);
  }
  return copy;
}
