import type { UnsafeKeyError } from '../errors/unsafe-key-error.js';
import { unsafeKeyOfLayer } from '../layer/layer-builder.js';
import type { Issue } from '../models/issue.js';
import type { Layer } from '../models/layer.js';
import type { Origin } from '../models/origin.js';
import type { FieldSchema } from '../models/schema-model.js';
import type { Candidate } from '../models/candidate.js';
import type { FieldSlots } from '../schema/field-slots.js';
import type { PathIndex } from './path-index.js';

/** Every candidate of every field, plus what did not fit the schema. */
export interface MergedLayers {
  /** Candidates by field slot ({@link FieldSlots}), in precedence order: the last one wins. */
  readonly candidates: (Candidate[] | undefined)[];
  /** The slots that have candidates, in the order their first candidate came (issues follow it). */
  readonly setSlots: number[];
  /** Keys no schema field reads (errors in strict mode, warnings otherwise). */
  readonly unknown: Issue[];
  /** Values that cannot go where they were put (a value where the schema has a section). */
  readonly problems: Issue[];
  /** Deprecated keys in use. */
  readonly deprecations: Issue[];
  /**
   * The first `__proto__`, `prototype` or `constructor` key of a layer not made by `LayerBuilder` (which
   * refuses them as they are set): a plugin may build its layer by hand, so the merge checks it rather than
   * trust it, and the whole load is refused, as for a file.
   */
  readonly refused?: UnsafeKeyError | undefined;
}

/** The keys below a field for the (most) entries that name the field itself; never written to. */
const noSub: readonly string[] = [];

/**
 * Merge layers in order. Nothing is overwritten: every candidate is kept, so `explain` can show the whole
 * stack; the winner is simply the last one.
 */
export function mergeLayers(layers: readonly Layer[], index: PathIndex, slots: FieldSlots): MergedLayers {
  const candidates = new Array<Candidate[] | undefined>(slots.size).fill(undefined);
  const setSlots: number[] = [];
  const unknown: Issue[] = [];
  const problems: Issue[] = [];
  const deprecations: Issue[] = [];
  let refused: UnsafeKeyError | undefined;
  const add = (slot: number, candidate: Candidate): void => {
    const list = candidates[slot];
    if (list) list.push(candidate);
    else {
      candidates[slot] = [candidate];
      setSlots.push(slot);
    }
  };
  for (let layerIndex = 0; layerIndex < layers.length; layerIndex++) {
    const layer = layers[layerIndex]!;
    const unsafe = unsafeKeyOfLayer(layer);
    if (unsafe) {
      refused ??= unsafe;
      continue;
    }
    for (const entry of layer.entries) {
      let slot = index.slotAt(entry.path);
      let rest = noSub;
      if (slot === undefined) {
        const resolution = index.resolve(entry.path);
        if (resolution.kind === 'unknown') {
          unknown.push(unknownIssue(resolution.path, resolution.suggestion, entry.origin));
          continue;
        }
        if (resolution.kind === 'object') {
          problems.push({
            path: resolution.path,
            message: 'is a group of settings, not a single value',
            constraint: 'type',
            severity: 'error',
            origin: entry.origin,
          });
          continue;
        }
        ({ slot, rest } = resolution);
      }
      const field = slots.fields[slot]!;
      const candidate: Candidate = {
        value: entry.value,
        origin: entry.origin,
        textual: layer.textual,
        layer: layerIndex,
        sub: rest,
      };
      add(slot, candidate);
      const deprecated = field.deprecated;
      if (deprecated) {
        const target = deprecated.replacedBy === undefined ? undefined : slots.slotOf(deprecated.replacedBy);
        if (target !== undefined) add(target, candidate);
        deprecations.push(deprecationIssue(field, entry.origin));
      }
    }
  }
  return { candidates, setSlots, unknown, problems, deprecations, refused };
}

function unknownIssue(path: string, suggestion: string | undefined, origin: Origin): Issue {
  const issue: Issue = {
    path,
    message: 'is not a known setting',
    constraint: 'unknownKey',
    severity: 'error',
    origin,
  };
  return suggestion === undefined ? issue : { ...issue, hint: `did you mean ${suggestion}?` };
}

function deprecationIssue(field: FieldSchema, origin: Origin): Issue {
  const info = field.deprecated ?? {};
  const since = info.since === undefined ? '' : ` since ${info.since}`;
  const hint = [info.replacedBy === undefined ? undefined : `use ${info.replacedBy} instead`, info.reason]
    .filter((part) => part !== undefined)
    .join('; ');
  const issue: Issue = {
    path: field.path,
    message: `is deprecated${since}`,
    constraint: 'deprecated',
    severity: 'warning',
    origin,
  };
  return hint ? { ...issue, hint } : issue;
}
