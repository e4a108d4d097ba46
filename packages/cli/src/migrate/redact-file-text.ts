import { REDACTED, type SchemaModel } from '@strata/core';
import { foldName } from '@strata/core/source';
import { isMap, isScalar, isSeq, type Node, parseDocument } from 'yaml';

/** The folded paths of the schema's secret fields, and of deprecated keys that feed one. */
export function secretPaths(schema: SchemaModel): Set<string> {
  const paths = new Set<string>();
  for (const field of schema.fields) {
    const replacement = field.deprecated?.replacedBy ? schema.field(field.deprecated.replacedBy) : undefined;
    if (field.secret || replacement?.secret) paths.add(fold(field.segments));
  }
  return paths;
}

/** The scalar values found at secret paths of a YAML or JSON text. */
export function secretValuesIn(text: string, secrets: ReadonlySet<string>): Set<string> {
  const values = new Set<string>();
  walk(parseDocument(text).contents, [], secrets, false, (node, secret) => {
    if (secret && isScalar(node) && node.value !== null && String(node.value) !== '') {
      values.add(String(node.value));
    }
  });
  return values;
}

/**
 * The text with every value at a secret path, and every scalar equal to a known secret value, replaced by
 * `[redacted]`, for showing a file in a diff. Works on YAML and JSON (JSON parses as YAML).
 */
export function redactFileText(
  text: string,
  secrets: ReadonlySet<string>,
  values: ReadonlySet<string>,
): string {
  const ranges: [number, number][] = [];
  walk(parseDocument(text).contents, [], secrets, false, (node, secret) => {
    if (!node.range) return;
    if (secret || (isScalar(node) && node.value !== null && values.has(String(node.value)))) {
      ranges.push([node.range[0], node.range[1]]);
    }
  });
  ranges.sort((a, b) => b[0] - a[0]);
  let result = text;
  let limit = Number.POSITIVE_INFINITY;
  for (const [start, end] of ranges) {
    if (end > limit) continue;
    result = `${result.slice(0, start)}${REDACTED}${result.slice(end)}`;
    limit = start;
  }
  return result;
}

/** Visit every value node with whether it sits at (or under) a secret path; secret subtrees are visited whole. */
function walk(
  node: unknown,
  path: readonly string[],
  secrets: ReadonlySet<string>,
  inSecret: boolean,
  visit: (node: Node, secret: boolean) => void,
): void {
  if (!node || typeof node !== 'object') return;
  const secret = inSecret || (path.length > 0 && secrets.has(fold(path)));
  if (secret) {
    visit(node as Node, true);
    return;
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      walk(pair.value, [...path, key], secrets, false, visit);
    }
    return;
  }
  if (isSeq(node)) {
    for (const item of node.items) walk(item, path, secrets, false, visit);
    return;
  }
  visit(node as Node, false);
}

function fold(segments: readonly string[]): string {
  return segments.map((segment) => foldName(segment)).join('.');
}
