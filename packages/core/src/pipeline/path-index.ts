import type { FieldSchema, ObjectSchema, SchemaModel } from '../schema/schema-model.js';
import { didYouMean } from './did-you-mean.js';
import { type FieldSlots, fieldSlotsOf } from './field-slots.js';
import { foldName } from './fold-name.js';

/** Where a source's raw path lands in the schema. */
export type Resolution =
  /**
   * A leaf; `rest` holds the segments below it (keys inside an object-typed field), `slot` the field's number
   * in the schema's {@link FieldSlots}.
   */
  | {
      readonly kind: 'field';
      readonly field: FieldSchema;
      readonly slot: number;
      readonly rest: readonly string[];
    }
  /** A section or nested class, or a node between section segments: not a place for a value. */
  | { readonly kind: 'object'; readonly path: string; readonly object: ObjectSchema | undefined }
  /** Nothing in the schema; `path` is canonical as far as it matched. */
  | { readonly kind: 'unknown'; readonly path: string; readonly suggestion: string | undefined };

interface PathNode {
  /** {@link noChildren} until a child is added: most nodes are leaves, and two empty maps each add up. */
  children: Map<string, PathNode>;
  folded: Map<string, string>;
  readonly path: string;
  field?: FieldSchema;
  slot?: number;
  object?: ObjectSchema;
  /** A leaf's resolution, shared by every entry that lands on it. */
  resolution?: Resolution;
}

/** Shared by every node without children; never written to ({@link child} replaces it first). */
const noChildren = new Map<string, never>();
const noRest: readonly string[] = [];

/**
 * Maps raw path segments onto schema paths: exact names first, then relaxed names (case-insensitive, `_` and
 * `-` ignored), so `['DATABASE', 'POOL_SIZE']` finds `database.poolSize`. Built once per schema.
 */
export class PathIndex {
  readonly #root: PathNode = node('');
  readonly #slots: FieldSlots;

  constructor(schema: SchemaModel) {
    this.#slots = fieldSlotsOf(schema);
    for (const section of schema.sections) {
      let current = this.#root;
      for (const segment of section.segments) current = child(current, segment);
      this.#addObject(current, section);
    }
  }

  resolve(segments: readonly string[]): Resolution {
    // No cache: walking the trie is a few Map lookups, cheaper than building a cache key per entry.
    return this.#resolve(segments);
  }

  #resolve(segments: readonly string[]): Resolution {
    let current = this.#root;
    for (let i = 0; i < segments.length; i++) {
      if (current.field)
        return { kind: 'field', field: current.field, slot: current.slot!, rest: segments.slice(i) };
      const segment = segments[i]!;
      let next = current.children.get(segment);
      if (!next) {
        const name = current.folded.get(foldName(segment));
        next = name === undefined ? undefined : current.children.get(name);
      }
      if (!next) {
        const guess = didYouMean(segment, current.children.keys());
        const canonical = current.path === '' ? [] : current.path.split('.');
        const prefix = current.path === '' ? '' : `${current.path}.`;
        return {
          kind: 'unknown',
          path: prefix + segments.slice(i).join('.'),
          suggestion:
            guess === undefined ? undefined : this.#spell([...canonical, guess, ...segments.slice(i + 1)]),
        };
      }
      current = next;
    }
    if (current.resolution) return current.resolution;
    return { kind: 'object', path: current.path, object: current.object };
  }

  /** A suggested path in schema spelling when the rest of it resolves (`SERVR.PORT` → `server.port`). */
  #spell(segments: readonly string[]): string {
    const resolved = this.#resolve(segments);
    if (resolved.kind === 'field') return [resolved.field.path, ...resolved.rest].join('.');
    if (resolved.kind === 'object') return resolved.path;
    return segments.join('.');
  }

  #addObject(target: PathNode, object: ObjectSchema): void {
    target.object = object;
    for (const [key, field] of object.fields) {
      const leaf = child(target, key, field.path);
      const slot = this.#slots.slotOf(field.path)!;
      leaf.field = field;
      leaf.slot = slot;
      // One shared resolution per leaf: a load resolves every entry, so this saves an allocation each.
      leaf.resolution = { kind: 'field', field, slot, rest: noRest };
    }
    for (const [key, nested] of object.children) this.#addObject(child(target, key, nested.path), nested);
  }
}

function node(path: string): PathNode {
  return { children: noChildren, folded: noChildren, path };
}

/** The child node at `segment`, created when missing; `path` saves building a string the schema already has. */
function child(parent: PathNode, segment: string, path?: string): PathNode {
  let found = parent.children.get(segment);
  if (!found) {
    found = node(path ?? (parent.path ? `${parent.path}.${segment}` : segment));
    if (parent.children === noChildren) {
      parent.children = new Map();
      parent.folded = new Map();
    }
    parent.children.set(segment, found);
    const folded = foldName(segment);
    if (!parent.folded.has(folded)) parent.folded.set(folded, segment);
  }
  return found;
}

const indexes = new WeakMap<SchemaModel, PathIndex>();

/** The path index of a schema, built once (schemas are cached per class list, so reloads share it too). */
export function pathIndexOf(schema: SchemaModel): PathIndex {
  let index = indexes.get(schema);
  if (!index) {
    index = new PathIndex(schema);
    indexes.set(schema, index);
  }
  return index;
}
