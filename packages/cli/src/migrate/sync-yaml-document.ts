import { type Document, isMap, isScalar, type Pair, type YAMLMap } from 'yaml';
import { deepEqual } from '@strata/core/tooling';

type Tree = { [key: string]: unknown };

/**
 * Edit a parsed YAML document in place until it holds `target`, touching only what differs, so comments,
 * key order and scalar styles of everything else survive: unchanged pairs stay as they are, changed scalars
 * get a new value in the same node, removed keys are deleted, a key whose value moved to a new key at the
 * same level is renamed in place, and new keys are appended.
 */
export function syncYamlDocument(doc: Document, target: Tree): void {
  if (isMap(doc.contents)) syncMap(doc, doc.contents, target);
  else doc.contents = doc.createNode(target);
}

function syncMap(doc: Document, map: YAMLMap, target: Tree): void {
  const present = new Map<string, Pair>();
  for (const pair of map.items) present.set(keyOf(pair), pair);
  const added = Object.keys(target).filter((key) => !present.has(key));
  for (const [key, pair] of [...present]) {
    if (Object.hasOwn(target, key)) continue;
    // A value that moved to a new key at this level: rename the key, keeping its place and comments.
    const value = toJS(doc, pair.value);
    const index = added.findIndex((newKey) => deepEqual(target[newKey], value));
    if (index >= 0 && isScalar(pair.key)) {
      const newKey = added.splice(index, 1)[0]!;
      pair.key.value = newKey;
      present.set(newKey, pair);
    } else {
      map.delete(pair.key);
    }
    present.delete(key);
  }
  for (const [key, pair] of present) {
    const wanted = target[key];
    const node = pair.value;
    if (isMap(node) && isPlainObject(wanted)) {
      syncMap(doc, node, wanted);
    } else if (deepEqual(toJS(doc, node), wanted)) {
    } else if (isScalar(node) && isPrimitive(wanted)) {
      node.value = wanted;
    } else {
      pair.value = doc.createNode(wanted);
    }
  }
  for (const key of added) map.set(doc.createNode(key), doc.createNode(target[key]));
}

function keyOf(pair: Pair): string {
  return String(isScalar(pair.key) ? pair.key.value : pair.key);
}

function toJS(doc: Document, node: unknown): unknown {
  if (node === null || node === undefined) return null;
  const withToJS = node as { toJS?: (doc: Document) => unknown };
  return typeof withToJS.toJS === 'function' ? withToJS.toJS(doc) : node;
}

function isPlainObject(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function isPrimitive(value: unknown): value is string | number | boolean | null {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}
