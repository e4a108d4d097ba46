import { foldName } from '@strata/core/source';
import { isEnvelope } from '@strata/core/secrets';
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { CliError } from '../cli/cli-error.js';
import type { DocumentEnvelope, PutOutcome, SecretDocument } from './secret-document.js';

/**
 * A YAML file edited through the `yaml` package's Document API: only the scalars that change are touched,
 * so comments, key order, quoting and blank lines survive.
 */
export class YamlSecretDocument implements SecretDocument {
  readonly #doc: Document;
  readonly #lines = new LineCounter();
  readonly #file: string;
  readonly #crlf: boolean;
  readonly #nodes = new WeakMap<DocumentEnvelope, Scalar>();

  /** @param text The file's content, already checked by `parseConfigFile`. @param file Its name for locators. */
  constructor(text: string, file: string) {
    this.#doc = parseDocument(text, { lineCounter: this.#lines });
    this.#file = file;
    this.#crlf = text.includes('\r\n');
  }

  envelopes(): DocumentEnvelope[] {
    const found: DocumentEnvelope[] = [];
    const walk = (node: unknown, segments: readonly string[]): void => {
      if (isMap(node)) {
        for (const pair of node.items) {
          const key = keyText(pair);
          // An inline `<<: { … }` merges its keys into this mapping: they live at this level.
          walk(pair.value, key === '<<' ? segments : [...segments, key]);
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, index) => {
          walk(item, [...segments, String(index)]);
        });
      } else if (isScalar(node) && isEnvelope(node.value) && segments.length > 0) {
        const entry = {
          segments,
          path: segments.join('.'),
          envelope: node.value,
          locator: this.#locator(node),
        };
        this.#nodes.set(entry, node);
        found.push(entry);
      }
      // Aliases are skipped: the value is reported where its anchor is written.
    };
    walk(this.#doc.contents, []);
    return found;
  }

  replace(found: DocumentEnvelope, envelope: string): void {
    const node = this.#nodes.get(found);
    if (!node) throw new Error(`${found.path} was not found by this document's envelopes()`);
    node.value = envelope;
  }

  put(segments: readonly string[], envelope: string): PutOutcome {
    const actual: unknown[] = [];
    let node: unknown = this.#doc.contents;
    let i = 0;
    for (; i < segments.length; i++) {
      const segment = segments[i]!;
      if (isMap(node)) {
        const pair = findPair(node, segment);
        if (!pair) break;
        actual.push(isScalar(pair.key) ? pair.key.value : pair.key);
        node = pair.value;
      } else if (isSeq(node)) {
        const index = /^\d+$/.test(segment) ? Number(segment) : Number.NaN;
        if (!(index < node.items.length)) {
          throw CliError.usage(
            `${describe(actual)} is a list of ${node.items.length} items; "${segment}" is not one of its indexes`,
          );
        }
        actual.push(index);
        node = node.items[index];
      } else {
        break;
      }
    }
    const written = [...actual.map(String), ...segments.slice(i)];
    const value = this.#doc.createNode(envelope);
    if (i === segments.length) {
      if (isMap(node) || isSeq(node)) {
        throw CliError.usage(`${written.join('.')} is a group of values in the file, not a single value`);
      }
      if (isScalar(node)) {
        const replaced = isEnvelope(node.value) ? 'encrypted' : node.value === null ? 'nothing' : 'plain';
        node.value = envelope;
        // A block scalar (`|`) or an explicit tag would make an odd home for an envelope.
        if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') node.type = 'PLAIN';
        delete node.tag;
        return { segments: written, replaced };
      }
      this.#doc.setIn(actual, value);
      return { segments: written, replaced: isAlias(node) ? 'plain' : 'nothing' };
    }
    const rest = segments.slice(i);
    if (isMap(node)) {
      this.#doc.setIn([...actual, ...rest], value);
    } else if (node === null || node === undefined || (isScalar(node) && node.value === null)) {
      // `database:` with nothing after it (or an empty file): a mapping goes there.
      this.#doc.setIn(actual, this.#doc.createNode(nested(rest, envelope)));
    } else {
      throw CliError.usage(
        `${describe(actual)} holds a value, not a mapping: ${segments.join('.')} cannot be written inside it`,
      );
    }
    return { segments: written, replaced: 'nothing' };
  }

  toString(): string {
    // lineWidth 0: an envelope is one long word; folding it over lines would only make diffs noisy.
    const text = this.#doc.toString({ lineWidth: 0 });
    return this.#crlf ? text.replace(/\r?\n/g, '\r\n') : text;
  }

  #locator(node: Node): string {
    const offset = node.range?.[0];
    if (offset === undefined) return this.#file;
    const { line, col } = this.#lines.linePos(offset);
    return `${this.#file}:${line}:${col}`;
  }
}

function keyText(pair: Pair): string {
  return String(isScalar(pair.key) ? pair.key.value : pair.key);
}

/** The pair whose key is `segment`, else the one whose key folds to the same name. */
function findPair(map: YAMLMap, segment: string): Pair | undefined {
  const exact = map.items.find((pair) => keyText(pair) === segment);
  if (exact) return exact;
  const folded = foldName(segment);
  return map.items.find((pair) => foldName(keyText(pair)) === folded);
}

function nested(segments: readonly string[], value: string): unknown {
  return segments.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

function describe(segments: readonly unknown[]): string {
  return segments.length === 0 ? 'the top of the file' : segments.join('.');
}
