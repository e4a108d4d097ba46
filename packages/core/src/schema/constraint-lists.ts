import { constraintInfo } from './constraint-info.js';
import type { ValidationMetadata } from './constraint-rule.js';
import type { ConstraintInfo } from '../models/schema-model.js';

const noConstraints: readonly ConstraintInfo[] = Object.freeze([]);

/**
 * The `constraints` of the fields of one schema, equal lists shared: a 10,000-key schema repeats a few
 * lists (`isString` + `isLength(1, 128)`, `isBoolean`, `isIn` of a shared set) thousands of times, and
 * each would otherwise keep its own array and its own description of every constraint with arguments.
 * Descriptions and lists are shared only when their arguments are primitives or arrays of primitives (those
 * compare by value), and frozen, so that no field can change another's. Lives for one read: what it shares
 * stays with the fields, its maps go.
 */
export class ConstraintLists {
  readonly #infos = new Map<string, ConstraintInfo>();
  readonly #lists = new Map<string, readonly ConstraintInfo[]>();

  /** The descriptions of `metas` (the rules that are constraints, in declaration order). */
  of(metas: readonly ValidationMetadata[]): readonly ConstraintInfo[] {
    if (metas.length === 0) return noConstraints;
    const infos: ConstraintInfo[] = [];
    const keys: string[] = [];
    for (const meta of metas) {
      const info = constraintInfo(meta);
      const key = infoKey(info);
      if (key === undefined) return metas.map(constraintInfo);
      let shared = this.#infos.get(key);
      if (!shared) {
        shared = Object.isFrozen(info) ? info : Object.freeze(info);
        this.#infos.set(key, shared);
      }
      infos.push(shared);
      keys.push(key);
    }
    const listKey = keys.join('\u0000');
    let list = this.#lists.get(listKey);
    if (!list) {
      // `map` makes an array of exactly the right size; `infos` grew by pushes and has room to spare.
      list = Object.freeze(infos.map((info) => info));
      this.#lists.set(listKey, list);
    }
    return list;
  }
}

function infoKey(info: ConstraintInfo): string | undefined {
  const args = valueKey(info.args);
  return args === undefined ? undefined : `${info.name}|${info.each ? 'each' : 'one'}|${args}`;
}

/** A key equal for equal primitives and arrays of them; undefined for anything compared by identity. */
function valueKey(value: unknown): string | undefined {
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'undefined';
    case 'bigint':
      return `${value}n`;
    case 'object': {
      if (value === null) return 'null';
      if (!Array.isArray(value)) return undefined;
      const parts: string[] = [];
      for (let i = 0; i < value.length; i++) {
        const part = i in value ? valueKey(value[i]) : 'hole';
        if (part === undefined) return undefined;
        parts.push(part);
      }
      return `[${parts.join(',')}]`;
    }
    default:
      return undefined;
  }
}
