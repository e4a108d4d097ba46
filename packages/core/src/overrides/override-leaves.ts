import { ConfigValidationError } from '../errors/config-validation-error.js';
import { InputShapeCounter } from '../layer/input-shape-counter.js';
import { resolveInputLimits } from '../layer/input-limits.js';
import { isPlainObject, LayerBuilder } from '../layer/layer-builder.js';
import type { Issue } from '../models/issue.js';
import type { LeafValue } from '../models/layer.js';
import type { Origin } from '../models/origin.js';
import type { PathIndex } from '../pipeline/path-index.js';
import type { OverrideOptions, OverrideValues } from './override-options.js';
import type { StoredOverride } from '../models/stored-override.js';

/** The function whose `limits` option raises a limit for override values (named in `InputLimitError`). */
const RAISE = 'config.overrides.set';

/**
 * The leaves of an override request, checked: sizes against the limits first (iteratively, so a cyclic or
 * 10,000-deep value fails on `maxDepth` instead of overflowing the stack), then every segment through the
 * {@link LayerBuilder} (an unsafe key is refused as from any source). Paths the schema knows are spelled as
 * the schema spells them, so `delete('Server.Port')` and `set('server.port')` meet.
 */
/** What a caller asked to set: one value at a dotted path, or a tree of values. */
export type OverrideRequest =
  | { readonly path: string; readonly value: LeafValue }
  | { readonly tree: OverrideValues };

export function overrideLeaves(
  request: OverrideRequest,
  context: {
    readonly options: OverrideOptions;
    readonly index: PathIndex;
    readonly now: number;
    /** For the message of a refused value. */
    readonly environment: string;
  },
): StoredOverride[] {
  const { options, index, now } = context;
  const expiresAt = expiryOf(options.ttlMs, now);
  const label = 'path' in request ? `override ${request.path}` : 'override values';
  const counter = new InputShapeCounter({
    limits: resolveInputLimits(options.limits),
    input: label,
    raise: RAISE,
  });
  for (const text of [options.actor, options.reason]) if (text !== undefined) counter.value(text);
  if ('path' in request) {
    counter.value(request.path);
    counter.value(request.value, request.path.split('.').length);
  } else {
    counter.value(request.tree);
  }

  const origin: Origin = { source: 'override', locator: options.actor ?? 'runtime' };
  const builder = new LayerBuilder({ source: 'override' });
  const put = (path: readonly string[], value: LeafValue): void => {
    if (!isPlainObject(value)) {
      builder.set(path, value, origin);
      return;
    }
    // Keys may be dotted paths at any level, as `derive` takes them.
    for (const key of Object.keys(value)) put([...path, ...key.split('.')], value[key] as LeafValue);
  };
  if ('path' in request) put(request.path.split('.'), request.value);
  else put([], request.tree);

  const entries = builder.build().entries;
  const issues: Issue[] = [];
  for (const entry of entries) {
    const kind = unsupportedKind(entry.value);
    if (kind === undefined) continue;
    issues.push({
      path: entry.path.join('.'),
      message: `cannot be overridden with ${kind}: give a string, number, boolean, bigint, null, Date, list or plain object${kind === 'undefined' ? ' (to remove an override, delete it)' : ''}`,
      constraint: 'type',
      severity: 'error',
      origin,
    });
  }
  if (issues.length > 0) throw new ConfigValidationError(context.environment, issues);

  return entries.map((entry): StoredOverride => {
    const resolution = index.resolve(entry.path);
    const segments =
      resolution.kind === 'field' ? [...resolution.field.segments, ...resolution.rest] : entry.path;
    return {
      key: segments.join('.'),
      segments,
      field: resolution.kind === 'field' ? resolution.field.path : undefined,
      value: entry.value,
      text: options.text === true,
      origin,
      reason: options.reason,
      setAt: now,
      expiresAt,
    };
  });
}

/**
 * What a configuration value can never be, or undefined when `value` is fine: `undefined` (which would unset
 * a field behind its default), functions and symbols, and objects other than plain ones and dates (a `Map`
 * would arrive as an empty object, silently). Lists are checked item by item, without recursion.
 */
function unsupportedKind(value: unknown): string | undefined {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null) continue;
    switch (typeof item) {
      case 'string':
      case 'number':
      case 'boolean':
      case 'bigint':
        continue;
      case 'object':
        if (item instanceof Date) continue;
        if (Array.isArray(item)) stack.push(...item);
        else if (isPlainObject(item)) stack.push(...Object.values(item));
        else return `an instance of ${item.constructor?.name ?? 'a class'}`;
        continue;
      default:
        return typeof item === 'undefined' ? 'undefined' : `a ${typeof item}`;
    }
  }
  return undefined;
}

function expiryOf(ttlMs: number | undefined, now: number): number | undefined {
  if (ttlMs === undefined) return undefined;
  if (typeof ttlMs !== 'number' || !Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new RangeError(`ttlMs must be a positive, finite number of milliseconds, got ${String(ttlMs)}`);
  }
  return now + ttlMs;
}
