import { oncePerSchema } from '../schema/once-per-schema.js';
import type { FieldSchema, ObjectSchema, SchemaModel } from '../models/schema-model.js';
import { didYouMean } from './did-you-mean.js';
import { type FieldSlots, fieldSlotsOf } from '../schema/field-slots.js';
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

/**
 * A node between the root and the fields: a section path's segment, a section or a nested class. A field is
 * a leaf of the trie as its slot number: an object per field (10,000 of them in a large schema) would stay in
 * the heap for as long as the schema, and {@link PathIndex.slotAt} finds a leaf without allocating.
 */
interface PathNode {
  readonly kind: 'node';
  /** {@link noChildren} until a child is added. */
  children: Map<string, PathNode | number>;
  /**
   * Relaxed name → child name, for the children whose relaxed name differs from their name (and is not taken
   * by an earlier child): `poolsize` → `poolSize`. A child already spelled in relaxed form is found under its
   * own name, so sections of lowercase keys need no map at all.
   */
  folded: Map<string, string>;
  readonly path: string;
  object: ObjectSchema | undefined;
}

/** Shared by every node without children; never written to ({@link attach} replaces it first). */
const noChildren = new Map<string, never>();
/** Shared by every node whose children are all spelled in relaxed form; never written to, like {@link noChildren}. */
const noFolds = new Map<string, never>();
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

  /**
   * The slot of the field at exactly `segments` (no keys below it), or undefined: what most entries of a load
   * are, found without allocating a {@link Resolution}. Anything else needs {@link resolve}.
   */
  slotAt(segments: readonly string[]): number | undefined {
    let current: PathNode | number = this.#root;
    for (const segment of segments) {
      if (typeof current === 'number') return undefined;
      const next = childAt(current, segment);
      if (next === undefined) return undefined;
      current = next;
    }
    return typeof current === 'number' ? current : undefined;
  }

  #resolve(segments: readonly string[]): Resolution {
    let current: PathNode | number = this.#root;
    for (let i = 0; i < segments.length; i++) {
      if (typeof current === 'number') return this.#field(current, segments.slice(i));
      const segment = segments[i]!;
      const next = childAt(current, segment);
      if (next === undefined) {
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
    if (typeof current === 'number') return this.#field(current, noRest);
    return { kind: 'object', path: current.path, object: current.object };
  }

  #field(slot: number, rest: readonly string[]): Resolution {
    return { kind: 'field', field: this.#slots.fields[slot]!, slot, rest };
  }

  /**
   * A suggested path in schema spelling (`SERVR.PORT` → `server.port`), correcting later segments the same
   * way (`FEATURS.BETASERCH` → `features.betaSearch`); undefined when the rest cannot be matched, so that
   * a suggestion is always a key that exists.
   */
  #spell(segments: readonly string[]): string | undefined {
    const resolved = this.#resolve(segments);
    if (resolved.kind === 'field') return [resolved.field.path, ...resolved.rest].join('.');
    if (resolved.kind === 'object') return resolved.path;
    return resolved.suggestion;
  }

  #addObject(target: PathNode, object: ObjectSchema): void {
    target.object = object;
    for (const [key, field] of object.fields) {
      attach(target, key, this.#slots.slotOf(field.path)!);
    }
    for (const [key, nested] of object.children) this.#addObject(child(target, key, nested.path), nested);
  }
}

function node(path: string): PathNode {
  return { kind: 'node', children: noChildren, folded: noFolds, path, object: undefined };
}

/**
 * The inner node at `segment`, created when missing; `path` saves building a string the schema already has.
 * (Never a field: sections do not overlap, and a class's fields and nested classes have distinct names.)
 */
function child(parent: PathNode, segment: string, path?: string): PathNode {
  const found = parent.children.get(segment);
  if (typeof found === 'object') return found;
  const created = node(path ?? (parent.path ? `${parent.path}.${segment}` : segment));
  attach(parent, segment, created);
  return created;
}

/** The child at `segment` by its name, else by its relaxed name. */
function childAt(parent: PathNode, segment: string): PathNode | number | undefined {
  const next = parent.children.get(segment);
  if (next !== undefined) return next;
  const relaxed = foldName(segment);
  return parent.children.get(parent.folded.get(relaxed) ?? relaxed);
}

function attach(parent: PathNode, segment: string, entry: PathNode | number): void {
  const relaxed = foldName(segment);
  // The first child to fold to a relaxed name keeps it: either it is spelled so (found by name) or mapped.
  if (relaxed !== segment && !parent.folded.has(relaxed) && !parent.children.has(relaxed)) {
    if (parent.folded === noFolds) parent.folded = new Map();
    parent.folded.set(relaxed, segment);
  }
  if (parent.children === noChildren) parent.children = new Map();
  parent.children.set(segment, entry);
}

/** The path index of a schema, built once (schemas are cached per class list, so reloads share it too). */
export const pathIndexOf = oncePerSchema((schema) => new PathIndex(schema));
