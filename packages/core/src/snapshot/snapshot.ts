import { inspect } from 'node:util';
import { StrataError } from '../errors/strata-error.js';
import type { Issue } from '../models/issue.js';
import type { Candidate } from '../models/candidate.js';
import type { Origin } from '../models/origin.js';
import type { SnapshotParts } from './snapshot-parts.js';
import { REDACTED } from './redacted.js';
import type { Constructor, FieldSchema, SchemaModel } from '../models/schema-model.js';
import type { ReadonlyDeep } from '../models/readonly-deep.js';
import { deepEqual } from './deep-equal.js';
import { namedClassIn } from '../schema/named-section.js';

/** One candidate value of a path, as `explain` shows it. */
export interface ExplainedCandidate {
  readonly origin: Origin;
  /** The value as the source gave it (before conversion), or `[redacted]`. */
  readonly value: unknown;
  /** This candidate is the one in effect. */
  readonly winner: boolean;
}

/** Why a path has its value: the winner and every candidate, in precedence order (last wins). */
export interface Explanation {
  readonly path: string;
  readonly type: FieldSchema['type'];
  readonly secret: boolean;
  /** The value in effect, or `[redacted]`. `undefined` when unset. */
  readonly value: unknown;
  /** Where the value in effect came from: an origin, the class default, or nowhere. */
  readonly source: Origin | 'default' | 'unset';
  readonly candidates: readonly ExplainedCandidate[];
  /** The property initialiser's value, or `[redacted]`. */
  readonly defaultValue: unknown;
  /** How this value can be set (`env APP_SERVER__PORT`, `server.port in config/production.yaml`). */
  readonly inputs: readonly string[];
  readonly description: string | undefined;
  readonly reloadable: boolean;
}

/** One changed value between two snapshots. Secret values are `[redacted]`. */
export interface Change {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
  /** Where the new value came from; absent when it fell back to the default or was removed. */
  readonly origin?: Origin;
  readonly secret: boolean;
}

/**
 * One immutable, validated configuration: a deep-frozen instance per configuration class, a generation number
 * and the provenance of every value. Readers holding a snapshot never see a later change half-applied.
 */
export class Snapshot {
  /** Increases by one with every applied change; the first load is generation 1. */
  readonly generation: number;
  readonly environment: string;
  readonly createdAt: Date;
  readonly schema: SchemaModel;
  /** Non-fatal problems: unknown keys outside strict mode, deprecated keys in use. */
  readonly warnings: readonly Issue[];
  readonly #parts: SnapshotParts;
  /** `#parts.candidates()`, once `explain` has asked for it. */
  #candidates: readonly (readonly Candidate[] | undefined)[] | undefined;

  // Private so that its parameter (the pipeline's slot-indexed arrays) stays out of the published
  // declarations; `createSnapshot` is its one caller.
  private constructor(parts: SnapshotParts) {
    this.generation = parts.generation;
    this.environment = parts.environment;
    this.createdAt = new Date();
    this.schema = parts.schema;
    this.warnings = parts.warnings;
    this.#parts = parts;
  }

  /**
   * The frozen instance of a section class (or of a nested configuration class); with `name`, the instance of
   * the section bound under that name by `namedSection(cls, name, path)`.
   */
  get<T extends object>(cls: Constructor<T>, name?: string): ReadonlyDeep<T> {
    const instance = this.#parts.byClass.get(name === undefined ? cls : namedClassIn(this.schema, cls, name));
    if (!instance) {
      throw new StrataError(
        'DEFINITION_INVALID',
        `${cls.name} is not a configuration class of this configuration; add it to "sections" (nested classes come with their section)`,
      );
    }
    return instance as ReadonlyDeep<T>;
  }

  /** True when the class is a section or nested class of this configuration. */
  has(cls: Constructor): boolean {
    return this.#parts.byClass.has(cls);
  }

  /** The value at a dotted path (a field, or a section/nested instance), unredacted. */
  value(path: string): unknown {
    const slot = this.#parts.slots.slotOf(path);
    if (slot !== undefined) return this.#parts.values[slot];
    return this.#parts.byPath.get(path);
  }

  /** True when the value at `path` must not be printed (`@Secret`, or a secret origin such as Vault). */
  isSecret(path: string): boolean {
    return this.schema.field(path)?.secret === true || this.#parts.secretPaths.has(path);
  }

  /** The origin of the value in effect at `path`, or undefined for a default or unset value. */
  originOf(path: string): Origin | undefined {
    const slot = this.#parts.slots.slotOf(path);
    return slot === undefined ? undefined : this.#parts.origins[slot];
  }

  /** Why `path` has its value: the winner and every candidate with its origin. Undefined for an unknown path. */
  explain(path: string): Explanation | undefined {
    const field = this.schema.field(path);
    if (!field) return undefined;
    const secret = this.isSecret(path);
    const slot = this.#parts.slots.slotOf(path);
    this.#candidates ??= this.#parts.candidates();
    const candidates = (slot === undefined ? undefined : this.#candidates[slot]) ?? [];
    const winnerOrigin = slot === undefined ? undefined : this.#parts.origins[slot];
    const hide = (value: unknown, origin?: Origin): unknown =>
      (secret || origin?.secret) && value !== undefined && value !== null ? REDACTED : value;
    let winnerIndex = -1;
    if (winnerOrigin) {
      for (let i = candidates.length - 1; i >= 0; i--) {
        if (
          candidates[i]!.origin.locator === winnerOrigin.locator &&
          candidates[i]!.origin.source === winnerOrigin.source
        ) {
          winnerIndex = i;
          break;
        }
      }
    }
    return {
      path,
      type: field.type,
      secret,
      value: hide(this.value(path)),
      source: winnerOrigin ?? (field.hasDefault ? 'default' : 'unset'),
      candidates: candidates.map((candidate, i) => ({
        origin: candidate.origin,
        value: hide(candidate.value, candidate.origin),
        winner: i === winnerIndex,
      })),
      defaultValue: hide(field.defaultValue),
      inputs: this.#parts.describeInputs(field),
      description: field.description,
      reloadable: field.reloadable,
    };
  }

  /** The values that differ from `previous`, in schema order, secrets redacted. */
  diff(previous: Snapshot): Change[] {
    const changes: Change[] = [];
    for (const field of this.schema.fields) {
      const before = previous.value(field.path);
      const after = this.value(field.path);
      if (deepEqual(before, after)) continue;
      const secret = this.isSecret(field.path) || previous.isSecret(field.path);
      const origin = this.originOf(field.path);
      const change: Change = {
        path: field.path,
        before: secret && before !== undefined ? REDACTED : before,
        after: secret && after !== undefined ? REDACTED : after,
        secret,
      };
      changes.push(origin ? { ...change, origin } : change);
    }
    return changes;
  }

  /** The whole configuration as a plain tree, secrets as `[redacted]`. */
  toJSON(): Record<string, unknown> {
    const tree: Record<string, unknown> = {};
    for (const section of this.schema.sections) {
      let node = tree;
      for (const segment of section.segments.slice(0, -1)) {
        node[segment] ??= {};
        node = node[segment] as Record<string, unknown>;
      }
      const instance = this.#parts.byPath.get(section.path);
      node[section.segments[section.segments.length - 1]!] = JSON.parse(JSON.stringify(instance));
    }
    return tree;
  }

  [inspect.custom](_depth: number, options: object): string {
    return `Snapshot(generation ${this.generation}, ${this.environment}) ${inspect(this.toJSON(), options)}`;
  }
}
