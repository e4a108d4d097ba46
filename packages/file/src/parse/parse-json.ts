import type { LeafValue } from '@strata/core';
import type { Node, ParseError as JsonParseError } from 'jsonc-parser';
import { jsoncModule } from '../lazy-modules.js';
import { LineIndex } from './line-index.js';
import { parseFailure } from './parse-failure.js';
import type { ParsedEntry } from './parsed-config.js';
import { childPath } from './child-path.js';

const reasons: Readonly<Record<string, string>> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes (trailing commas are not allowed)',
  ValueExpected: 'expected a value (trailing commas are not allowed)',
  ColonExpected: 'expected ":"',
  CommaExpected: 'expected ","',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: 'expected the end of the file after the top-level value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string',
};

/**
 * Strict JSON (no comments, no trailing commas, no duplicate keys) with the position of every value.
 * `text` has no BOM and is not blank.
 */
export function parseJson(text: string, file: string): ParsedEntry[] {
  const lines = new LineIndex(text);
  const fail = (offset: number, reason: string): Error => parseFailure({ file, text, lines, offset, reason });
  const errors: JsonParseError[] = [];
  const { parseTree, printParseErrorCode } = jsoncModule();
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (first) {
    const name = printParseErrorCode(first.error);
    throw fail(first.offset, reasons[name] ?? name);
  }
  if (!root) throw fail(0, 'expected a JSON object');
  if (root.type !== 'object')
    throw fail(root.offset, `the top-level value must be an object, not ${article(root)}`);

  const entries: ParsedEntry[] = [];
  const walk = (node: Node, path: readonly string[]): void => {
    const properties = node.children ?? [];
    if (properties.length === 0 && path.length > 0) {
      entries.push({ path, value: Object.create(null), ...lines.at(node.offset) });
      return;
    }
    const seen = new Set<string>();
    for (const property of properties) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode || !valueNode) continue;
      const key = String(keyNode.value);
      if (seen.has(key)) throw fail(keyNode.offset, `duplicate key "${key}"`);
      seen.add(key);
      const next = childPath(path, key);
      if (valueNode.type === 'object') walk(valueNode, next);
      else entries.push({ path: next, value: plainValue(valueNode, fail), ...lines.at(valueNode.offset) });
    }
  };
  walk(root, []);
  return entries;
}

/** The plain value of a node; objects inside arrays get null prototypes and are checked for duplicate keys. */
function plainValue(node: Node, fail: (offset: number, reason: string) => Error): LeafValue {
  switch (node.type) {
    case 'array':
      return (node.children ?? []).map((child) => plainValue(child, fail));
    case 'object': {
      const result: Record<string, LeafValue> = Object.create(null);
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode || !valueNode) continue;
        const key = String(keyNode.value);
        if (Object.hasOwn(result, key)) throw fail(keyNode.offset, `duplicate key "${key}"`);
        result[key] = plainValue(valueNode, fail);
      }
      return result;
    }
    default:
      return node.value as LeafValue;
  }
}

function article(node: Node): string {
  return node.type === 'array' ? 'an array' : `a ${node.type}`;
}
