import { StrataError } from '../errors/strata-error.js';
import { defaultInputLimits, type InputLimits } from '../layer/input-limits.js';
import { InputShapeCounter } from '../layer/input-shape-counter.js';
import { isUnsafeSegment } from '../layer/unsafe-segment.js';

/** The outcome of reading JSON text given for an object or list field. */
export type JsonText =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string; readonly unsafeKey?: UnsafeJsonKey | undefined };

/** A `__proto__`, `prototype` or `constructor` key found in JSON text. */
export interface UnsafeJsonKey {
  readonly segment: string;
  /** Keys from the top of the text to the unsafe one (list items as their index). */
  readonly path: readonly string[];
}

/**
 * JSON text from an environment variable, a `.env` file or a flag, for an object or list field. Every route
 * that converts such text comes through here, so it gets what a file's JSON gets: the size and shape bounds
 * (checked before `JSON.parse`), and no `__proto__` / `prototype` / `constructor` key at any level
 * (`JSON.parse` keeps `"__proto__"` as an own key, which a naive `Object.assign` in the application would
 * then follow). Messages never contain the text (it may be a secret).
 */
export function parseJsonText(text: string, limits: InputLimits = defaultInputLimits): JsonText {
  const counter = new InputShapeCounter({ limits, input: 'the JSON text', raise: 'the source' });
  let value: unknown;
  try {
    counter.text(text, 'json');
    value = JSON.parse(text);
    counter.value(value);
  } catch (error) {
    if (StrataError.is(error, 'INPUT_LIMIT')) return { ok: false, message: limitMessage(error.message) };
    return { ok: false, message: 'is not valid JSON' };
  }
  const unsafeKey = findUnsafeKey(value);
  if (unsafeKey) return { ok: false, message: `has the key "${unsafeKey.segment}"`, unsafeKey };
  return { ok: true, value };
}

/** `the JSON text nests deeper than 64 levels (limits.maxDepth); …` without its leading subject. */
function limitMessage(message: string): string {
  return message
    .replace(/^the JSON text /, '')
    .replace(/with the source\(\{ …, (limits: \{ \w+: … \}) }\)$/, "with the reading source's option $1");
}

/** The first unsafe key, breadth-first and without recursion (the value is already bounded in depth). */
function findUnsafeKey(root: unknown): UnsafeJsonKey | undefined {
  const queue: [unknown, readonly string[]][] = [[root, []]];
  for (let i = 0; i < queue.length; i++) {
    const [node, path] = queue[i] as [unknown, readonly string[]];
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) queue.push([item, [...path, String(index)]]);
      continue;
    }
    for (const key of Object.keys(node)) {
      if (isUnsafeSegment(key)) return { segment: key, path: [...path, key] };
      queue.push([(node as Record<string, unknown>)[key], [...path, key]]);
    }
  }
  return undefined;
}
