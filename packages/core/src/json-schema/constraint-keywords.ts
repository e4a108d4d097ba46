import type { ConstraintInfo } from '../models/schema-model.js';
import type { JsonSchema } from './json-schema-types.js';

const formats: { readonly [constraint: string]: string } = {
  isUrl: 'uri',
  isEmail: 'email',
  isUUID: 'uuid',
  isFQDN: 'hostname',
  isISO8601: 'date-time',
  isDateString: 'date-time',
};

/**
 * The JSON Schema keywords a class-validator constraint maps to, for a value of the given JSON type
 * (`string`, `number`, `integer`, `array`, …). Constraints with no JSON Schema equivalent map to nothing.
 */
export function constraintKeywords(constraint: ConstraintInfo, jsonType: string | undefined): JsonSchema {
  const [first, second] = constraint.args;
  const numeric = jsonType === 'number' || jsonType === 'integer';
  const text = jsonType === 'string';
  switch (constraint.name) {
    case 'min':
      return numeric && typeof first === 'number' ? { minimum: first } : {};
    case 'max':
      return numeric && typeof first === 'number' ? { maximum: first } : {};
    case 'isPositive':
      return numeric ? { exclusiveMinimum: 0 } : {};
    case 'isNegative':
      return numeric ? { exclusiveMaximum: 0 } : {};
    case 'minLength':
      return text && typeof first === 'number' ? { minLength: first } : {};
    case 'maxLength':
      return text && typeof first === 'number' ? { maxLength: first } : {};
    case 'length':
      return text
        ? {
            ...(typeof first === 'number' ? { minLength: first } : {}),
            ...(typeof second === 'number' ? { maxLength: second } : {}),
          }
        : {};
    case 'isNotEmpty':
      return text ? { minLength: 1 } : {};
    case 'matches':
      return text ? patternOf(first, second) : {};
    case 'arrayMinSize':
      return typeof first === 'number' ? { minItems: first } : {};
    case 'arrayMaxSize':
      return typeof first === 'number' ? { maxItems: first } : {};
    case 'arrayNotEmpty':
      return { minItems: 1 };
    case 'arrayUnique':
      return { uniqueItems: true };
    case 'isIP':
      return text && (first === 4 || first === '4')
        ? { format: 'ipv4' }
        : text && (first === 6 || first === '6')
          ? { format: 'ipv6' }
          : {};
    default: {
      const format = formats[constraint.name];
      return text && format ? { format } : {};
    }
  }
}

/** A RegExp with flags other than `u`/`g` cannot be expressed as a JSON Schema pattern. */
function patternOf(pattern: unknown, modifiers: unknown): JsonSchema {
  if (pattern instanceof RegExp) {
    return /[imsy]/.test(pattern.flags) ? {} : { pattern: pattern.source };
  }
  if (typeof pattern === 'string' && (modifiers === undefined || modifiers === '')) return { pattern };
  return {};
}
