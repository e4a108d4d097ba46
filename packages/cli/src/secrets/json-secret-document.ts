import { foldName } from '@strata/core/source';
import { isEnvelope } from '@strata/core/secrets';
import type { ParsedEntry } from '@strata/file';
import { CliError } from '../cli/cli-error.js';
import { leafEnvelopes } from './leaf-envelopes.js';
import type { DocumentEnvelope, PutOutcome, SecretDocument } from './secret-document.js';

type JsonNode = { [key: string]: unknown } | unknown[];

interface Edit {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

/**
 * A JSON file. Replacing a value that is already there edits only that value's text, so the rest of the file
 * stays byte for byte. Adding a key re-writes the file with `JSON.stringify`: key order kept, the file's own
 * indentation (two spaces when it has none), a final newline when it had one.
 */
export class JsonSecretDocument implements SecretDocument {
  readonly #text: string;
  readonly #file: string;
  readonly #entries: readonly ParsedEntry[];
  readonly #tree: { [key: string]: unknown };
  readonly #lineStarts: number[] = [0];
  readonly #offsets = new WeakMap<DocumentEnvelope, number>();
  readonly #edits: Edit[] = [];
  #restructured = false;

  /**
   * @param text The file's content, already checked by `parseConfigFile` (strict JSON, an object at the top).
   * @param file Its name for locators.
   * @param entries What `parseConfigFile` found: positions of the values.
   */
  constructor(text: string, file: string, entries: readonly ParsedEntry[]) {
    this.#text = text;
    this.#file = file;
    this.#entries = entries;
    // Safe to hand to JSON.parse: `openSecretFile` read this text within the input limits and `parseConfigFile`
    // checked it first (nesting bounded before parsing, `__proto__`/`constructor`/`prototype` refused as UNSAFE_KEY
    // naming the file), so no own `__proto__` key and no stack-deep nesting can reach here.
    this.#tree = text.trim() === '' ? {} : (JSON.parse(text) as { [key: string]: unknown });
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.#lineStarts.push(i + 1);
  }

  envelopes(): DocumentEnvelope[] {
    const found: DocumentEnvelope[] = [];
    for (const entry of this.#entries) {
      const start = this.#offsetOf(entry);
      let searchFrom = start;
      for (const item of leafEnvelopes(entry.path, entry.value)) {
        const quoted = JSON.stringify(item.envelope);
        // A leaf's position is its value; a list's is its `[`: its envelopes follow in document order.
        const at = searchFrom === undefined ? -1 : this.#text.indexOf(quoted, searchFrom);
        const position = at >= 0 ? this.#position(at) : locatorTail(entry);
        const result: DocumentEnvelope = { ...item, locator: `${this.#file}${position}` };
        if (at >= 0) {
          this.#offsets.set(result, at);
          searchFrom = at + quoted.length;
        }
        found.push(result);
      }
    }
    return found;
  }

  replace(found: DocumentEnvelope, envelope: string): void {
    const { parent, key } = this.#locate(found.segments);
    const before = (parent as Record<string, unknown>)[key];
    (parent as Record<string, unknown>)[key] = envelope;
    const offset = this.#offsets.get(found);
    if (offset === undefined) this.#restructured = true;
    else this.#edits.push({ offset, length: JSON.stringify(before).length, text: JSON.stringify(envelope) });
  }

  put(segments: readonly string[], envelope: string): PutOutcome {
    const actual: string[] = [];
    let node: unknown = this.#tree;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      const last = i === segments.length - 1;
      if (Array.isArray(node)) {
        const index = /^\d+$/.test(segment) ? Number(segment) : Number.NaN;
        if (!(index < node.length)) {
          throw CliError.usage(
            `${describe(actual)} is a list of ${node.length} items; "${segment}" is not one of its indexes`,
          );
        }
        actual.push(segment);
        if (last) return this.#setExisting(node, index, actual, envelope);
        node = node[index];
        continue;
      }
      if (!isObject(node)) {
        throw CliError.usage(
          `${describe(actual)} holds a value, not an object: ${segments.join('.')} cannot be written inside it`,
        );
      }
      const key = findKey(node, segment);
      if (key === undefined) {
        // Everything from here on is new: a chain of objects ending in the value.
        const rest = segments.slice(i);
        Object.defineProperty(node, rest[0]!, {
          value: nested(rest.slice(1), envelope),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        this.#restructured = true;
        return { segments: [...actual, ...rest], replaced: 'nothing' };
      }
      actual.push(key);
      if (last) return this.#setExisting(node, key, actual, envelope);
      if (node[key] === null) {
        node[key] = {};
        this.#restructured = true;
      }
      node = node[key];
    }
    throw CliError.usage('the path is empty');
  }

  toString(): string {
    if (this.#restructured) {
      const indent = /^\{\r?\n([ \t]+)"/.exec(this.#text)?.[1] ?? 2;
      const eol = this.#text.includes('\r\n') ? '\r\n' : '\n';
      const text = JSON.stringify(this.#tree, null, indent).replace(/\n/g, eol);
      return this.#text === '' || this.#text.endsWith('\n') ? `${text}${eol}` : text;
    }
    let text = this.#text;
    for (const edit of [...this.#edits].sort((a, b) => b.offset - a.offset)) {
      text = text.slice(0, edit.offset) + edit.text + text.slice(edit.offset + edit.length);
    }
    return text;
  }

  #setExisting(parent: JsonNode, key: string | number, actual: string[], envelope: string): PutOutcome {
    const before = (parent as Record<string, unknown>)[key];
    if (before !== null && typeof before === 'object') {
      throw CliError.usage(`${actual.join('.')} is a group of values in the file, not a single value`);
    }
    (parent as Record<string, unknown>)[key] = envelope;
    const entry = this.#entries.find((e) => e.path.join('\u0000') === actual.join('\u0000'));
    const offset = entry ? this.#offsetOf(entry) : undefined;
    const length = offset === undefined ? undefined : tokenLength(this.#text, offset);
    if (offset === undefined || length === undefined) this.#restructured = true;
    else this.#edits.push({ offset, length, text: JSON.stringify(envelope) });
    const replaced = isEnvelope(before) ? 'encrypted' : before === null ? 'nothing' : 'plain';
    return { segments: actual, replaced };
  }

  #locate(segments: readonly string[]): { parent: JsonNode; key: string | number } {
    let node: unknown = this.#tree;
    for (const segment of segments.slice(0, -1)) node = (node as Record<string, unknown>)[segment];
    const last = segments[segments.length - 1]!;
    return Array.isArray(node)
      ? { parent: node, key: Number(last) }
      : { parent: node as JsonNode, key: last };
  }

  #offsetOf(entry: ParsedEntry): number | undefined {
    if (entry.line === undefined || entry.column === undefined) return undefined;
    const start = this.#lineStarts[entry.line - 1];
    return start === undefined ? undefined : start + entry.column - 1;
  }

  #position(offset: number): string {
    let line = this.#lineStarts.length - 1;
    while (line > 0 && this.#lineStarts[line]! > offset) line--;
    return `:${line + 1}:${offset - this.#lineStarts[line]! + 1}`;
  }
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The key named `segment`, else one that folds to the same name (`pool_size` for `poolSize`). */
function findKey(node: { [key: string]: unknown }, segment: string): string | undefined {
  if (Object.hasOwn(node, segment)) return segment;
  const folded = foldName(segment);
  return Object.keys(node).find((key) => foldName(key) === folded);
}

/** The length of the JSON scalar (string, number, true, false, null) starting at `offset`. */
function tokenLength(text: string, offset: number): number | undefined {
  if (text[offset] === '"') {
    let i = offset + 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    return i < text.length ? i + 1 - offset : undefined;
  }
  const match = /^(?:-?\d[\d.eE+-]*|true|false|null)/.exec(text.slice(offset, offset + 400));
  return match?.[0].length;
}

function locatorTail(entry: ParsedEntry): string {
  if (entry.line === undefined) return '';
  return entry.column === undefined ? `:${entry.line}` : `:${entry.line}:${entry.column}`;
}

function nested(segments: readonly string[], value: string): unknown {
  return segments.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

function describe(segments: readonly string[]): string {
  return segments.length === 0 ? 'the top of the file' : segments.join('.');
}
