import type { CoreScalarResolver } from './core-scalar-resolver.js';

/** `js-yaml`'s parser state as its listener sees it (its typings leave out the node's properties). */
interface NodeState {
  readonly input: string;
  readonly position: number;
  readonly line: number;
  readonly tag: string | null;
  readonly anchor: string | null;
  readonly kind: string | null;
  readonly result: unknown;
}

/** Thrown from the listener to stop js-yaml as soon as the text needs the precise parser. */
const stepAside = Symbol('stepAside');

/**
 * Watches js-yaml read a document, node by node (its `listener` option), and stops it (throws) at the first node
 * the `yaml` package would read differently or that needs YAML features left to it: an anchor (and so any
 * alias), an explicit tag, a `<<` merge key, a flow node over several lines or touching a comment, a list or
 * mapping used as a key. Keys it cannot judge where they are read are collected in {@link suspectKeys}.
 * One instance per parse.
 */
export class FastYamlGuard {
  /**
   * Keys js-yaml makes from a node `yaml` reads as a non-string: a `null` (refused as a key) and a number or
   * boolean spelt otherwise than JavaScript prints it (`1.0`, `True`, `0x1F`: `yaml` keeps the spelling). A key
   * of the result that is one of these may not be what `yaml` reads: the caller steps aside for it.
   */
  readonly suspectKeys = new Set<string>(['[object Object]']);
  readonly #core: CoreScalarResolver;
  // Where each open node starts: its line, and the offset from which its text follows (blanks first).
  readonly #openLines: number[] = [];
  readonly #openOffsets: number[] = [];

  constructor(core: CoreScalarResolver) {
    this.#core = core;
  }

  /** Whether `error` is this guard stepping aside (rather than js-yaml refusing the text). */
  static isStepAside(error: unknown): boolean {
    return error === stepAside;
  }

  /** The function to pass as js-yaml's `listener`. */
  readonly listener = (event: string, state: NodeState): void => {
    if (event === 'open') {
      this.#openLines.push(state.line);
      this.#openOffsets.push(state.position);
      return;
    }
    const line = this.#openLines.pop();
    const offset = this.#openOffsets.pop() ?? 0;
    if (state.anchor !== null) throw stepAside;
    const { tag, result } = state;
    if (tag === '?') {
      // A plain scalar read as a string.
      if (result === '<<') throw stepAside;
    } else if (tag === this.#core.tag) {
      const key = String(result);
      if (result === null || key !== this.#core.lastSource) this.suspectKeys.add(key);
    } else if (tag !== null) {
      throw stepAside; // an explicit tag
    } else if (result === null) {
      this.suspectKeys.add('null'); // an empty node
    } else {
      this.#checkUnplain(state, line, offset);
    }
  };

  /** Checks a quoted or block scalar, or a collection. */
  #checkUnplain(state: NodeState, line: number | undefined, offset: number): void {
    const { input, position, kind } = state;
    const collection = kind === 'sequence' || kind === 'mapping';
    const spread = line !== state.line || input.charCodeAt(position) === 0x23; /* # */
    if (!collection && !spread) return;
    const first = firstCharAt(input, offset);
    if (first !== '[' && first !== '{' && first !== '"' && first !== "'") return;
    // js-yaml reads a flow node's next lines wherever they start and a `#` right after one as a comment; `yaml`
    // refuses lines indented less than the node's parent and a comment touching a token.
    if (spread) throw stepAside;
    if (!collection) return;
    // A flow list or mapping followed by `:` is a key (js-yaml makes a string of it, `yaml` refuses it); inside
    // a flow mapping it may be a key without a value (`{[a], b: 1}`).
    if (nextCharOnLine(input, position) === ':') throw stepAside;
    const parent = this.#openOffsets.at(-1);
    if (parent !== undefined && firstCharAt(input, parent) === '{') throw stepAside;
  }
}

function firstCharAt(input: string, offset: number): string {
  let i = offset;
  for (
    let c = input.charCodeAt(i);
    c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
    c = input.charCodeAt(++i)
  );
  return input.charAt(i);
}

function nextCharOnLine(input: string, offset: number): string {
  let i = offset;
  for (let c = input.charCodeAt(i); c === 0x20 || c === 0x09; c = input.charCodeAt(++i));
  return input.charAt(i);
}
