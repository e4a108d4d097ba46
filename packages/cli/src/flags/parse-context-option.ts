import { defaultInputLimits, InputShapeCounter, isPlainObject, isUnsafeSegment } from '@strata/core/source';
import { StrataError } from '@strata/core';
import { CliError } from '../cli/cli-error.js';

/**
 * `--context '{"targetingKey": "u-1", "email": "…"}'`: JSON text, read within core's input limits, an object at
 * the top, with no `__proto__` / `prototype` / `constructor` key at any depth. Messages never quote the text
 * (a context may hold a token or an e-mail address).
 */
export function parseContextOption(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  const counter = new InputShapeCounter({ limits: defaultInputLimits, input: '--context', raise: 'the CLI' });
  let value: unknown;
  try {
    counter.text(text, 'json');
    value = JSON.parse(text);
    counter.value(value);
  } catch (error) {
    if (StrataError.is(error, 'INPUT_LIMIT')) {
      throw CliError.usage(`--context ${error.message.replace(/^--context /, '').replace(/;.*$/, '')}`);
    }
    throw CliError.usage(
      '--context is not valid JSON: give an object, e.g. --context \'{"targetingKey":"u-1"}\'',
    );
  }
  if (!isPlainObject(value)) throw CliError.usage('--context must be a JSON object of attributes');
  const unsafe = unsafeKey(value);
  if (unsafe !== undefined)
    throw CliError.usage(`--context has the key "${unsafe}", which is never accepted`);
  return value as Record<string, unknown>;
}

/** The first unsafe key at any depth (the value is already bounded in depth by the counter). */
function unsafeKey(root: unknown): string | undefined {
  const queue: unknown[] = [root];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i];
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      queue.push(...node);
      continue;
    }
    for (const key of Object.keys(node)) {
      if (isUnsafeSegment(key)) return key;
      queue.push((node as Record<string, unknown>)[key]);
    }
  }
  return undefined;
}
