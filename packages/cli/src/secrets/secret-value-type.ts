import { type FieldType, type SchemaModel } from '@strata/core';
import { canonicalSecretPath, type SecretValue } from '@strata/core/secrets';
import { CliError } from '../cli/cli-error.js';

/** The types an encrypted value keeps through the round trip. */
export type SecretValueType = 'string' | 'number' | 'boolean';

/** The choices of `--type`. */
export const secretValueTypes: readonly SecretValueType[] = ['string', 'number', 'boolean'];

/** `--type`, checked; undefined when not given. */
export function secretValueType(given: string | undefined): SecretValueType | undefined {
  if (given === undefined) return undefined;
  const match = secretValueTypes.find((type) => type === given);
  if (!match) throw CliError.usage(`--type must be one of ${secretValueTypes.join(', ')} (got "${given}")`);
  return match;
}

/** What the schema says about a path: the type to encrypt as, and the field's path when there is one. */
export interface SchemaTarget {
  readonly type: SecretValueType;
  /** The field's path in schema spelling, or undefined when the schema has no such setting. */
  readonly fieldPath: string | undefined;
}

/**
 * The type a value at `path` must have for the engine to accept it: number for number and integer fields,
 * boolean for boolean fields, string otherwise. Paths match the way the engine matches them (case, `_` and
 * `-` ignored); an item of a list (`tokens.0`) takes the list's item type.
 */
export function schemaTarget(schema: SchemaModel, path: string): SchemaTarget {
  const wanted = canonicalSecretPath(path);
  const field = schema.fields.find((f) => canonicalSecretPath(f.path) === wanted);
  if (field) return { type: valueTypeOf(field.type), fieldPath: field.path };
  const item = /^(.*)\.(\d+)$/.exec(path);
  if (item) {
    const list = schema.fields.find((f) => canonicalSecretPath(f.path) === canonicalSecretPath(item[1]!));
    if (list?.type === 'array') {
      return { type: valueTypeOf(list.itemType ?? 'string'), fieldPath: `${list.path}.${item[2]}` };
    }
  }
  return { type: 'string', fieldPath: undefined };
}

function valueTypeOf(type: FieldType): SecretValueType {
  if (type === 'number' || type === 'integer') return 'number';
  return type === 'boolean' ? 'boolean' : 'string';
}

/**
 * The typed value of the text read for `path`. The messages never repeat the text: it is the secret.
 */
export function typedSecretValue(text: string, type: SecretValueType, path: string): SecretValue {
  if (type === 'string') return text;
  const trimmed = text.trim();
  if (type === 'boolean') {
    if (trimmed === 'true') return true;
    if (trimmed === 'false') return false;
    throw CliError.usage(`the value for ${path} must be true or false (it is encrypted as a boolean)`);
  }
  const number = Number(trimmed);
  if (
    trimmed === '' ||
    !Number.isFinite(number) ||
    !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)
  ) {
    throw CliError.usage(`the value for ${path} is not a number (it is encrypted as a number)`);
  }
  return number;
}
