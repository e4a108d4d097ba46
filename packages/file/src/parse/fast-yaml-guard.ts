import type { CoreScalarResolver } from './core-scalar-resolver.js';

/** `js-yaml`'s parser state as its listener sees it (its typings leave out the node's properties). */
interface NodeState {
  readonly input: string;
  readonly position: number;
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
  // Where each open node's text follows (blanks first), innermost last.
  readonly #openOffsets: number[] = [];

  constructor(core: CoreScalarResolver) {
    this.#core = core;
  }

  /** The function to pass as js-yaml's `listener`. */
  readonly listener = (event: string, state: NodeState): void => {
    if (event === 'open') {
      this.#openOffsets.push(state.position);
      return;
    }
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
      this.#checkFlow(state, offset);
    }
  };

  /** Checks a quoted or block scalar, or a collection, whose text follows `offset`. */
  #checkFlow(state: NodeState, offset: number): void {
    const { input, position, kind } = state;
    const start = firstNonBlank(input, offset);
    const first = input.charCodeAt(start);
    // A scalar on a line after a comment (`key:`, `#note`, `  value`): `yaml` may read the comment as the start
    // of an implicit key and refuse the text. (A plain scalar on its own line comes here: js-yaml reads it as a
    // would-be mapping, keeps the scalar, and reports the outer node untagged.)
    if (first === 0x23 /* # */ && kind === 'scalar') throw stepAside;
    if (first !== 0x5b /* [ */ && first !== 0x7b /* { */ && first !== 0x22 /* " */ && first !== 0x27 /* ' */)
      return;
    // js-yaml reads a flow node's next lines wherever they start and a `#` right after one as a comment; `yaml`
    // refuses lines indented less than the node's parent and a comment touching a token.
    const newline = input.indexOf('\n', start);
    if ((newline !== -1 && newline < position) || input.charCodeAt(position) === 0x23 /* # */)
      throw stepAside;
    if (kind !== 'sequence' && kind !== 'mapping') return;
    // A flow list or mapping followed by `:` is a key (js-yaml makes a string of it, `yaml` refuses it); inside
    // a flow mapping it may be a key without a value (`{[a], b: 1}`).
    if (nextCharOnLine(input, position) === ':') throw stepAside;
    const parent = this.#openOffsets.at(-1);
    if (parent !== undefined && input.charCodeAt(firstNonBlank(input, parent)) === 0x7b) throw stepAside;
  }
}

function firstNonBlank(input: string, offset: number): number {
  let i = offset;
  for (
    let c = input.charCodeAt(i);
    c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
    c = input.charCodeAt(++i)
  );
  return i;
}

function nextCharOnLine(input: string, offset: number): string {
  let i = offset;
  for (let c = input.charCodeAt(i); c === 0x20 || c === 0x09; c = input.charCodeAt(++i));
  return input.charAt(i);
}
