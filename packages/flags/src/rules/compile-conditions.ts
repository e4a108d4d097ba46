import { didYouMean, isPlainObject, isUnsafeSegment } from '@strata/core/source';
import { Range, SemVer } from 'semver';
import type { FlagContext } from '../models/flag-context.js';
import type { CompiledCondition, CompiledTest } from './compiled-flag.js';
import { FLAG_LIMITS } from './flag-limits.js';
import { OPERATORS, type Operator } from './operators.js';

const operatorSet: ReadonlySet<string> = new Set(OPERATORS);

/**
 * The tests of a rule's `when` map, one per attribute and operator. Problems (an unknown operator, a bad
 * regex, an invalid semver range, a non-number for a comparison) are pushed to `problems`, each naming where
 * in the rule it is (`when.email.regex`).
 */
export function compileConditions(when: unknown, at: string, problems: string[]): CompiledCondition[] {
  if (when === undefined || when === null) return [];
  if (!isPlainObject(when)) {
    problems.push(`${at}: expected a map of attribute → condition`);
    return [];
  }
  const attributes = Object.keys(when);
  if (attributes.length > FLAG_LIMITS.maxConditions) {
    problems.push(
      `${at}: ${attributes.length} conditions, more than the ${FLAG_LIMITS.maxConditions} allowed`,
    );
    return [];
  }
  const tests: CompiledCondition[] = [];
  for (const attribute of attributes) {
    const where = `${at}.${attribute}`;
    if (isUnsafeSegment(attribute)) {
      problems.push(`${where}: "${attribute}" cannot be an attribute name`);
      continue;
    }
    const spec = when[attribute];
    if (isPlainObject(spec)) {
      const operators = Object.keys(spec);
      if (operators.length === 0) problems.push(`${where}: names no operator`);
      for (const operator of operators) {
        const test = compileTest(attribute, operator, spec[operator], `${where}.${operator}`, problems);
        if (test) tests.push({ attribute, operator: operator as Operator, operand: spec[operator], test });
      }
    } else {
      const operator = Array.isArray(spec) ? 'in' : 'equals';
      const test = compileTest(attribute, operator, spec, where, problems);
      if (test) tests.push({ attribute, operator, operand: spec, test });
    }
  }
  return tests;
}

/** The attribute's own value in the context (never an inherited one like `toString`). */
function read(context: FlagContext, attribute: string): unknown {
  return Object.hasOwn(context, attribute) ? context[attribute] : undefined;
}

function compileTest(
  attribute: string,
  operator: string,
  operand: unknown,
  where: string,
  problems: string[],
): CompiledTest | undefined {
  if (!operatorSet.has(operator)) {
    const guess = didYouMean(operator, OPERATORS);
    problems.push(
      `${where}: unknown operator "${operator}"${guess ? ` (did you mean "${guess}"?)` : ''}; known: ${OPERATORS.join(', ')}`,
    );
    return undefined;
  }
  switch (operator as Operator) {
    case 'equals':
    case 'notEquals': {
      if (!isScalar(operand)) {
        problems.push(`${where}: expected a string, number or boolean to compare with`);
        return undefined;
      }
      return operator === 'equals'
        ? (context) => read(context, attribute) === operand
        : (context) => read(context, attribute) !== operand;
    }
    case 'in':
    case 'notIn': {
      if (!Array.isArray(operand) || !operand.every(isScalar)) {
        problems.push(`${where}: expected a list of strings, numbers or booleans`);
        return undefined;
      }
      if (operand.length > FLAG_LIMITS.maxListItems) {
        problems.push(`${where}: ${operand.length} items, more than the ${FLAG_LIMITS.maxListItems} allowed`);
        return undefined;
      }
      const set = new Set<unknown>(operand);
      return operator === 'in'
        ? (context) => set.has(read(context, attribute))
        : (context) => {
            const value = read(context, attribute);
            return value !== undefined && !set.has(value);
          };
    }
    case 'semver': {
      // npm's own range grammar (^, ~, x-ranges, hyphen ranges, ||): what a Node team already writes.
      const range = typeof operand === 'string' ? parseRange(operand) : undefined;
      if (!range) {
        problems.push(`${where}: expected a semver range like ">=2.3.0 <3" or "^1.4"`);
        return undefined;
      }
      return (context) => {
        const value = read(context, attribute);
        if (typeof value !== 'string' || value.length > 256) return false;
        const version = parsedVersion(value);
        return version !== null && range.test(version);
      };
    }
    case 'regex': {
      if (typeof operand !== 'string') {
        problems.push(`${where}: expected a regular expression as text`);
        return undefined;
      }
      if (operand.length > FLAG_LIMITS.maxPatternLength) {
        problems.push(
          `${where}: the pattern has ${operand.length} characters, more than the ${FLAG_LIMITS.maxPatternLength} allowed`,
        );
        return undefined;
      }
      let pattern: RegExp;
      try {
        pattern = new RegExp(operand, 'u');
      } catch (error) {
        problems.push(`${where}: not a valid regular expression (${(error as Error).message})`);
        return undefined;
      }
      return (context) => {
        const value = read(context, attribute);
        return (
          typeof value === 'string' && value.length <= FLAG_LIMITS.maxTestedLength && pattern.test(value)
        );
      };
    }
    default:
      return compileComparison(attribute, operator as 'lt' | 'lte' | 'gt' | 'gte', operand, where, problems);
  }
}

function compileComparison(
  attribute: string,
  operator: 'lt' | 'lte' | 'gt' | 'gte',
  operand: unknown,
  where: string,
  problems: string[],
): CompiledTest | undefined {
  if (typeof operand !== 'number' || !Number.isFinite(operand)) {
    problems.push(`${where}: expected a number to compare with`);
    return undefined;
  }
  // A number attribute only: "10" < 9 as text would be a silent surprise.
  switch (operator) {
    case 'lt':
      return (context) => {
        const value = read(context, attribute);
        return typeof value === 'number' && value < operand;
      };
    case 'lte':
      return (context) => {
        const value = read(context, attribute);
        return typeof value === 'number' && value <= operand;
      };
    case 'gt':
      return (context) => {
        const value = read(context, attribute);
        return typeof value === 'number' && value > operand;
      };
    default:
      return (context) => {
        const value = read(context, attribute);
        return typeof value === 'number' && value >= operand;
      };
  }
}

// A service sees a handful of app versions over and over: parse each once (parsing is most of a range test).
// Bounded: cleared when full, so a stream of distinct versions costs a parse each, never memory.
const versions = new Map<string, SemVer | null>();
const MAX_CACHED_VERSIONS = 1_000;

function parsedVersion(text: string): SemVer | null {
  let version = versions.get(text);
  if (version === undefined) {
    try {
      version = new SemVer(text);
    } catch {
      version = null;
    }
    if (versions.size >= MAX_CACHED_VERSIONS) versions.clear();
    versions.set(text, version);
  }
  return version;
}

function parseRange(text: string): Range | undefined {
  if (text.length > 256) return undefined;
  try {
    return new Range(text);
  } catch {
    return undefined;
  }
}

function isScalar(value: unknown): value is string | number | boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}
