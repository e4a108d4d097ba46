import { deepEqual } from '@strata/core/tooling';
import { didYouMean, isPlainObject } from '@strata/core/source';
import type { FlagEvaluation } from '../models/flag-evaluation.js';
import { type FlagValue, type FlagValueType, flagValueTypeOf } from '../models/flag-value.js';
import { compileConditions } from './compile-conditions.js';
import type { CompiledBucket, CompiledFlag, CompiledRule } from './compiled-flag.js';
import { FLAG_LIMITS } from './flag-limits.js';

/** What {@link compileFlag} needs: the flag's key, its effective value and its rule tree (if any). */
export interface FlagSource {
  /** The flag's path, which is also its key for hashing (`features.newCheckout`). */
  readonly key: string;
  /** The flag's value in the snapshot: the value when no rule applies, and the type every value must have. */
  readonly value: unknown;
  /** The rule tree from the sources, or undefined. */
  readonly rules: unknown;
  /**
   * The flag is secret: a variant is only ever a name from `variants`, never a value's text (variants go to
   * logs and telemetry, e.g. OpenTelemetry's `feature_flag.variant`).
   */
  readonly secret?: boolean;
}

/** The compiled flag, or the problems that keep its rules from compiling (each names where it is). */
export type CompiledFlagResult =
  | { readonly ok: true; readonly flag: CompiledFlag }
  | { readonly ok: false; readonly problems: readonly string[] };

const topKeys = ['variants', 'rules', 'split', 'by'] as const;
const ruleKeys = ['name', 'when', 'from', 'until', 'value', 'variant', 'split', 'by'] as const;

/**
 * Check and compile one flag's rule tree: every problem at once (unknown keys and operators, values of the
 * wrong type, splits not summing to 100, bad patterns, empty time windows). Pure: the same input gives the
 * same result, so validation and evaluation compile with the same code.
 */
export function compileFlag(source: FlagSource): CompiledFlagResult {
  const problems: string[] = [];
  const type = flagValueTypeOf(source.value);
  if (type === undefined) {
    return { ok: false, problems: ['a flag holds a boolean, a string, a number or an object'] };
  }
  const tree = source.rules;
  const base = { flag: source.key };
  const secret = source.secret === true;
  if (tree === undefined || tree === null) {
    const variant = variantOf(source.value, undefined, secret);
    return {
      ok: true,
      flag: freezeFlag(source.key, type, [], result(base, source.value, variant, 'STATIC')),
    };
  }
  if (!isPlainObject(tree)) {
    return { ok: false, problems: ['expected a map with rules, split, variants or by'] };
  }
  unknownKeys(tree, topKeys, '', problems);
  const variants = readVariants(tree.variants, type, problems);
  const defaultVariant = variantOf(source.value, variants, secret);
  const context: RuleContext = { key: source.key, type, variants, problems, secret };
  const rules: CompiledRule[] = [];
  const list = tree.rules;
  if (list !== undefined && !Array.isArray(list)) problems.push('rules: expected a list of rules');
  const inputs = Array.isArray(list) ? list : [];
  if (inputs.length > FLAG_LIMITS.maxRules) {
    problems.push(`rules: ${inputs.length} rules, more than the ${FLAG_LIMITS.maxRules} allowed`);
  } else {
    const names = new Set<string>();
    inputs.forEach((input, i) => {
      const rule = compileRule(input, i, context);
      if (!rule) return;
      if (names.has(rule.name))
        problems.push(`rules[${i}]: the name "${rule.name}" is used by an earlier rule`);
      names.add(rule.name);
      rules.push(rule);
    });
  }
  if (tree.split !== undefined) {
    const by = readBy(tree.by, 'by', problems);
    const buckets = compileSplit(tree.split, 'split', 'split', context);
    if (buckets)
      rules.push({
        name: 'split',
        tests: [],
        conditions: [],
        from: -Infinity,
        until: Infinity,
        result: undefined,
        buckets,
        by,
      });
  } else if (tree.by !== undefined) {
    problems.push('by: names the attribute a split buckets by, but there is no top-level split');
  }
  if (problems.length > 0) return { ok: false, problems };
  const reason = rules.length === 0 ? 'STATIC' : 'DEFAULT';
  return {
    ok: true,
    flag: freezeFlag(source.key, type, rules, result(base, source.value, defaultVariant, reason)),
  };
}

interface RuleContext {
  readonly key: string;
  readonly type: FlagValueType;
  readonly variants: ReadonlyMap<string, FlagValue> | undefined;
  readonly problems: string[];
  readonly secret: boolean;
}

function compileRule(input: unknown, index: number, context: RuleContext): CompiledRule | undefined {
  const at = `rules[${index}]`;
  const { problems } = context;
  if (!isPlainObject(input)) {
    problems.push(`${at}: expected a map (name, when, from, until, and one of value, variant, split)`);
    return undefined;
  }
  unknownKeys(input, ruleKeys, `${at}.`, problems);
  let name = `rule ${index + 1}`;
  if (input.name !== undefined) {
    if (typeof input.name === 'string' && input.name.trim() !== '' && input.name.length <= 200)
      name = input.name;
    else problems.push(`${at}.name: expected a non-empty name of at most 200 characters`);
  }
  const where = input.name === undefined ? at : `${at} ("${name}")`;
  const conditions = compileConditions(input.when, `${where}.when`, problems);
  const tests = conditions.map((condition) => condition.test);
  const from = readInstant(input.from, `${where}.from`, problems, -Infinity);
  const until = readInstant(input.until, `${where}.until`, problems, Infinity);
  if (from >= until) problems.push(`${where}: the time window is empty (from is not before until)`);
  const outcomes = (['value', 'variant', 'split'] as const).filter((k) => input[k] !== undefined);
  if (outcomes.length !== 1) {
    problems.push(
      `${where}: needs exactly one of value, variant or split${outcomes.length > 1 ? ` (has ${outcomes.join(', ')})` : ''}`,
    );
    return undefined;
  }
  const base = { flag: context.key };
  if (input.split !== undefined) {
    const buckets = compileSplit(input.split, `${where}.split`, name, context);
    const by = readBy(input.by, `${where}.by`, problems);
    return buckets ? { name, tests, conditions, from, until, result: undefined, buckets, by } : undefined;
  }
  if (input.by !== undefined) problems.push(`${where}.by: only a rule with a split buckets by an attribute`);
  let value: FlagValue | undefined;
  let variant: string | undefined;
  if (input.variant !== undefined) {
    value = typeof input.variant === 'string' ? context.variants?.get(input.variant) : undefined;
    if (value === undefined) {
      problems.push(`${where}.variant: ${unknownVariant(input.variant, context.variants)}`);
      return undefined;
    }
    variant = input.variant as string;
  } else {
    value = checkValue(input.value, context.type, `${where}.value`, problems);
    if (value === undefined) return undefined;
    variant = variantOf(value, context.variants, context.secret);
  }
  return {
    name,
    tests,
    conditions,
    from,
    until,
    result: result(base, value, variant, 'TARGETING_MATCH', name),
    buckets: [],
    by: undefined,
  };
}

/** A split's ranges: whole percentages in listed order, summing to 100 (flagd's rule). */
function compileSplit(
  split: unknown,
  at: string,
  rule: string,
  context: RuleContext,
): CompiledBucket[] | undefined {
  const { problems } = context;
  if (!isPlainObject(split) || Object.keys(split).length === 0) {
    problems.push(`${at}: expected a map of variant → percentage, e.g. { true: 10, false: 90 }`);
    return undefined;
  }
  const buckets: CompiledBucket[] = [];
  let end = 0;
  let valid = true;
  for (const name of Object.keys(split)) {
    const share = split[name];
    const percent = typeof share === 'string' && /^\d{1,3}$/.test(share.trim()) ? Number(share) : share;
    if (typeof percent !== 'number' || !Number.isInteger(percent) || percent < 0 || percent > 100) {
      problems.push(`${at}.${name}: expected a whole percentage from 0 to 100`);
      valid = false;
      continue;
    }
    const value = splitValue(name, `${at}.${name}`, context);
    if (value === undefined) {
      valid = false;
      continue;
    }
    end += percent;
    // A secret flag's split keys are its values' text unless they name variants.
    const variant = context.secret && !context.variants ? undefined : value.variant;
    buckets.push({ end, result: result({ flag: context.key }, value.value, variant, 'SPLIT', rule) });
  }
  if (valid && end !== 100) {
    problems.push(`${at}: the percentages sum to ${end}, not 100`);
    return undefined;
  }
  return valid ? buckets : undefined;
}

/** What a split's key names: a variant when the flag declares variants, else a value of the flag's type. */
function splitValue(
  name: string,
  at: string,
  context: RuleContext,
): { value: FlagValue; variant: string } | undefined {
  if (context.variants) {
    const value = context.variants.get(name);
    if (value === undefined) {
      context.problems.push(`${at}: ${unknownVariant(name, context.variants)}`);
      return undefined;
    }
    return { value, variant: name };
  }
  switch (context.type) {
    case 'string':
      return { value: name, variant: name };
    case 'boolean':
      if (name === 'true' || name === 'false') return { value: name === 'true', variant: name };
      context.problems.push(`${at}: a boolean flag splits between true and false`);
      return undefined;
    case 'number': {
      const number = Number(name);
      if (name.trim() !== '' && Number.isFinite(number)) return { value: number, variant: name };
      context.problems.push(`${at}: a number flag splits between numbers (or declare variants)`);
      return undefined;
    }
    default:
      context.problems.push(
        `${at}: an object flag splits between named variants: declare them under variants`,
      );
      return undefined;
  }
}

function readVariants(
  input: unknown,
  type: FlagValueType,
  problems: string[],
): ReadonlyMap<string, FlagValue> | undefined {
  if (input === undefined) return undefined;
  if (!isPlainObject(input) || Object.keys(input).length === 0) {
    problems.push('variants: expected a map of name → value');
    return undefined;
  }
  const variants = new Map<string, FlagValue>();
  for (const name of Object.keys(input)) {
    const value = checkValue(input[name], type, `variants.${name}`, problems);
    if (value !== undefined) variants.set(name, value);
  }
  return variants;
}

function checkValue(
  value: unknown,
  type: FlagValueType,
  at: string,
  problems: string[],
): FlagValue | undefined {
  if (flagValueTypeOf(value) === type) return value as FlagValue;
  problems.push(`${at}: expected a ${type}, like the flag's own value`);
  return undefined;
}

function readBy(by: unknown, at: string, problems: string[]): string | undefined {
  if (by === undefined) return undefined;
  if (typeof by === 'string' && by.trim() !== '' && by.length <= 200) return by;
  problems.push(`${at}: expected the name of a context attribute`);
  return undefined;
}

function readInstant(value: unknown, at: string, problems: string[], absent: number): number {
  if (value === undefined || value === null) return absent;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.getTime();
  // An instant needs its zone: "2026-03-01T00:00" would mean a different moment on every server.
  if (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)
  ) {
    const time = Date.parse(value);
    if (!Number.isNaN(time)) return time;
  }
  problems.push(`${at}: expected an ISO 8601 instant with a zone, like 2026-03-01T00:00:00Z`);
  return absent;
}

function unknownKeys(
  map: { readonly [key: string]: unknown },
  known: readonly string[],
  prefix: string,
  problems: string[],
): void {
  for (const key of Object.keys(map)) {
    if (known.includes(key)) continue;
    const guess = didYouMean(key, known);
    problems.push(
      `${prefix}${key}: not a rule key${guess ? ` (did you mean "${guess}"?)` : ''}; known: ${known.join(', ')}`,
    );
  }
}

function unknownVariant(name: unknown, variants: ReadonlyMap<string, FlagValue> | undefined): string {
  if (!variants) return 'names a variant, but the flag declares no variants';
  const guess = typeof name === 'string' ? didYouMean(name, variants.keys()) : undefined;
  return `no variant "${String(name)}"${guess ? ` (did you mean "${guess}"?)` : ''}; variants: ${[...variants.keys()].join(', ')}`;
}

/**
 * The variant's name of a value: the declared variant holding it, else the value as text (scalars of a flag
 * that is not secret).
 */
function variantOf(
  value: unknown,
  variants: ReadonlyMap<string, FlagValue> | undefined,
  secret: boolean,
): string | undefined {
  if (variants) {
    for (const [name, candidate] of variants) if (deepEqual(candidate, value)) return name;
  }
  return typeof value === 'object' || secret ? undefined : String(value);
}

function result(
  base: { readonly flag: string },
  value: unknown,
  variant: string | undefined,
  reason: FlagEvaluation['reason'],
  rule?: string,
): FlagEvaluation {
  return Object.freeze({ flag: base.flag, value: value as FlagValue, variant, reason, rule });
}

function freezeFlag(
  key: string,
  type: FlagValueType,
  rules: readonly CompiledRule[],
  fallback: FlagEvaluation,
): CompiledFlag {
  const timed = rules.some((rule) => rule.from !== -Infinity || rule.until !== Infinity);
  return Object.freeze({ key, type, rules: Object.freeze(rules), fallback, timed });
}
