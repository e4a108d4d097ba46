import { type Layer, type LeafValue, type Origin, SourceError } from '@strata/core';
import { InputShapeCounter, type InputLimits, LayerBuilder } from '@strata/core/source';
import type { SecretValue } from './resolved-secret.js';

/** Options of {@link secretsToLayer}. */
export interface SecretsToLayerOptions {
  /** The source's name. */
  readonly source: string;
  readonly values: readonly SecretValue[];
  readonly into: readonly string[];
  readonly limits: InputLimits;
  /** Notes shown with the load result. */
  readonly warnings: readonly string[];
}

/**
 * The layer of a set of secret values. A JSON object expands into one textual leaf per key (nested objects
 * nest, numbers and booleans become their text, the engine converts them to declared types); any other
 * text, and a binary secret (as base64), is one leaf. Every value is marked secret in its origin. Each
 * secret's text is bounded by `limits` before it is parsed; unsafe keys (`__proto__`, …) are refused by
 * {@link LayerBuilder}, naming the secret.
 */
export function secretsToLayer(options: SecretsToLayerOptions): Layer {
  const builder = new LayerBuilder({ source: options.source, textual: true, limits: options.limits });
  for (const warning of options.warnings) builder.warn(warning);
  for (const value of options.values) {
    const counter = new InputShapeCounter({
      limits: options.limits,
      input: `secret ${value.name}`,
      raise: 'secretsManagerSource',
    });
    const origin = (jsonKey: string | undefined): Origin => ({
      source: 'aws-secrets',
      locator: jsonKey === undefined ? value.name : `${value.name}#${jsonKey}`,
      ...(value.versionId === undefined ? {} : { version: value.versionId }),
      secret: true,
    });
    const single = value.request.key ?? [lastPart(value.name)];
    if (value.text === undefined) {
      const text = Buffer.from(value.binary ?? new Uint8Array()).toString('base64');
      counter.entry(single, text);
      builder.set([...options.into, ...single], text, origin(undefined));
      continue;
    }
    const json = isJson(value);
    if (!json) {
      counter.entry(single, value.text);
      builder.set([...options.into, ...single], value.text, origin(undefined));
      continue;
    }
    counter.text(value.text, 'json');
    const parsed = parseObject(value, options.source);
    const base = value.request.key ?? [];
    walk(parsed, [], (path, leaf) => {
      counter.entry([...base, ...path], leaf);
      if (leaf === null) {
        builder.warn(`Secret ${value.name}: key ${path.join('.')} is null; skipped`);
        return;
      }
      builder.set([...options.into, ...base, ...path], textOf(leaf), origin(path.join('.')));
    });
  }
  return builder.build();
}

/** Whether the text is read as a JSON object: always for `json`, never for `text`, by its first character for `auto`. */
function isJson(value: SecretValue): boolean {
  const format = value.request.format;
  if (format === 'text') return false;
  if (format === 'json') return true;
  return (value.text ?? '').trimStart().startsWith('{');
}

function parseObject(value: SecretValue, source: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.text ?? '');
  } catch (error) {
    // V8's message quotes the text around the mistake: only the position may be repeated.
    const position = /position (\d+)/.exec(String((error as Error).message))?.[1];
    throw new SourceError(
      source,
      `secret ${value.name}${value.versionId === undefined ? '' : ` (version ${value.versionId})`} is not valid JSON` +
        `${position === undefined ? '' : ` (at character ${position})`}. Fix the secret's text, or set format: 'text' ` +
        'on it to read the whole text as one value.',
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SourceError(
      source,
      `secret ${value.name} is JSON but not an object (${Array.isArray(parsed) ? 'a list' : typeof parsed}); ` +
        "a JSON secret must map keys to values. Set format: 'text' on it to read the whole text as one value.",
    );
  }
  return parsed as Record<string, unknown>;
}

/** Every leaf of a parsed object with its path; lists are leaves. Recursion is safe: `counter.text` bounded the nesting before parsing. */
function walk(
  root: Record<string, unknown>,
  path: string[],
  visit: (path: string[], leaf: unknown) => void,
): void {
  for (const key of Object.keys(root)) {
    const child = root[key];
    if (typeof child === 'object' && child !== null && !Array.isArray(child)) {
      walk(child as Record<string, unknown>, [...path, key], visit);
    } else {
      visit([...path, key], child);
    }
  }
}

/** A JSON scalar as text; a list keeps its items (as text); nested objects in lists as their JSON. */
function textOf(leaf: unknown): LeafValue {
  if (Array.isArray(leaf)) {
    return leaf.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  }
  return typeof leaf === 'string' ? leaf : JSON.stringify(leaf);
}

function lastPart(name: string): string {
  const parts = name.split('/').filter((p) => p.length > 0);
  return parts.at(-1) ?? name;
}
