import { type InputLimits, InputLimitError, StrataError, UnsafeKeyError } from '@strata/core';
import { decodeInputText, InputShapeCounter, isUnsafeSegment } from '@strata/core/source';
import { HttpProblem } from '../respond/http-problem.js';
import type { SurfaceRequest } from '../routing/surface-request.js';

/** The input every body is, as messages name it; limits are raised through `createStrataHandler({ limits })`. */
const INPUT = 'request body';
const RAISE = 'createStrataHandler';

/**
 * The JSON body of a write request, through the same checks as every input route: `application/json`, at
 * most `limits.maxBytes` (413 past it, counted while reading, so a larger body is never held whole), UTF-8,
 * within core's shape limits (depth, keys, string length) before and after parsing, no `__proto__`,
 * `constructor` or `prototype` key at any level (400 `UNSAFE_KEY`), and an object. A body that does not parse
 * is a 400 naming the line and column, never quoting the body (it may hold a secret value).
 */
export async function readJsonBody(
  request: SurfaceRequest,
  limits: InputLimits,
): Promise<Record<string, unknown>> {
  const maxBytes = limits.maxBytes;
  const type = request.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new HttpProblem(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'The request body must be JSON (Content-Type: application/json)',
    );
  }
  const declared = Number(request.header('content-length') ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const bytes = await request.readBody(maxBytes);
  if (bytes === null) throw tooLarge(maxBytes);
  let text: string;
  try {
    text = decodeInputText(bytes, INPUT);
  } catch (error) {
    throw new HttpProblem(
      400,
      StrataError.is(error) ? error.code : 'MALFORMED_BODY',
      StrataError.is(error) ? error.message : 'The request body is not UTF-8',
    );
  }
  const counter = new InputShapeCounter({ limits, input: INPUT, raise: RAISE });
  let parsed: unknown;
  try {
    counter.text(text, 'json');
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    counter.value(parsed);
  } catch (error) {
    if (InputLimitError.is(error)) throw new HttpProblem(413, error.code, error.message);
    throw new HttpProblem(400, 'MALFORMED_JSON', describeJsonError(text, error));
  }
  refuseUnsafeKeys(parsed);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpProblem(400, 'MALFORMED_BODY', 'The request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

function tooLarge(maxBytes: number): HttpProblem {
  const error = new InputLimitError({ input: INPUT, limit: 'maxBytes', max: maxBytes, raise: RAISE });
  return new HttpProblem(413, error.code, error.message);
}

/**
 * `JSON.parse` makes `"__proto__"` an own key (no pollution yet), but the value goes on to code that may
 * copy it: refused here at every level, as every source refuses it. Iterative, like core's counters.
 */
function refuseUnsafeKeys(value: unknown): void {
  const stack: [unknown, string[]][] = [[value, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) stack.push([item, [...path, String(index)]]);
      continue;
    }
    for (const key of Object.keys(node)) {
      const next = [...path, key];
      if (isUnsafeSegment(key)) {
        const error = new UnsafeKeyError(key, next, { source: 'http', locator: INPUT });
        throw new HttpProblem(400, error.code, error.message);
      }
      stack.push([(node as Record<string, unknown>)[key], next]);
    }
  }
}

/**
 * V8's message quotes the text around the error (`Unexpected token 'x', "{"password": "…" is not valid JSON`):
 * only V8's unquoted phrase (`Expected ',' or '}' after property value`) and the position are kept.
 */
function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (text.trim().length === 0) return 'The request body is empty; send a JSON object';
  if (/end of JSON input/i.test(message))
    return 'The request body is not valid JSON: it ends before the value is complete';
  const position = /^([A-Z][^"]*?) in JSON at position (\d+)/.exec(message);
  if (!position) return 'The request body is not valid JSON (an unexpected token)';
  const offset = Number(position[2]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `The request body is not valid JSON: ${position[1]!.charAt(0).toLowerCase()}${position[1]!.slice(1)} at line ${line}, column ${column}`;
}
