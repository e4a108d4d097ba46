import type { Layer, LeafValue, Origin } from '@strata/core/source';
import { LayerBuilder } from '@strata/core/source';

/** A leaf value with its type kept: JSON alone would turn bigints and Dates into something else. */
type Tagged =
  | { readonly t: 's'; readonly v: string }
  | { readonly t: 'n'; readonly v: number }
  | { readonly t: 'b'; readonly v: boolean }
  | { readonly t: 'z' }
  | { readonly t: 'i'; readonly v: string }
  | { readonly t: 'd'; readonly v: string }
  | { readonly t: 'a'; readonly v: readonly Tagged[] }
  | { readonly t: 'o'; readonly v: readonly (readonly [string, Tagged])[] };

/** The JSON form of a layer, as sealed into a shared-layer message. */
export interface LayerJson {
  readonly textual: boolean;
  readonly warnings: readonly string[];
  readonly entries: readonly (readonly [readonly string[], Tagged, Origin])[];
}

/** A layer in JSON-safe form (bigints and Dates tagged, objects as key/value pairs so no key is special). */
export function layerToJson(layer: Layer): LayerJson {
  return {
    textual: layer.textual,
    warnings: [...layer.warnings],
    entries: layer.entries.map((entry) => [[...entry.path], tag(entry.value), originCopy(entry.origin)]),
  };
}

/**
 * The layer again, rebuilt through {@link LayerBuilder} under `source` (the follower's own name for it), so
 * a shared layer meets the same checks as one loaded locally: `__proto__`, `prototype` and `constructor`
 * segments are refused. Throws a `TypeError` (or core's `UnsafeKeyError`) on anything else than what
 * {@link layerToJson} writes.
 */
export function layerFromJson(json: unknown, source: string): Layer {
  if (
    !isRecord(json) ||
    typeof json.textual !== 'boolean' ||
    !Array.isArray(json.warnings) ||
    !Array.isArray(json.entries)
  ) {
    throw new TypeError('not a shared layer');
  }
  const builder = new LayerBuilder({ source, textual: json.textual });
  for (const warning of json.warnings) {
    if (typeof warning !== 'string') throw new TypeError('a layer warning is not a string');
    builder.warn(warning);
  }
  for (const entry of json.entries) {
    if (!Array.isArray(entry) || entry.length !== 3)
      throw new TypeError('a layer entry is not [path, value, origin]');
    const [path, value, origin] = entry as unknown[];
    if (!Array.isArray(path) || !path.every((segment) => typeof segment === 'string')) {
      throw new TypeError('a layer path is not a list of strings');
    }
    // Copied: the JSON form may be shared by the instances of one process (see openLayer).
    builder.set([...(path as string[])], untag(value, 0), checkOrigin(origin));
  }
  return builder.build();
}

function tag(value: LeafValue): Tagged {
  if (value === null) return { t: 'z' };
  switch (typeof value) {
    case 'string':
      return { t: 's', v: value };
    case 'number':
      return { t: 'n', v: value };
    case 'boolean':
      return { t: 'b', v: value };
    case 'bigint':
      return { t: 'i', v: value.toString() };
  }
  if (value instanceof Date) return { t: 'd', v: value.toISOString() };
  if (Array.isArray(value)) return { t: 'a', v: (value as readonly LeafValue[]).map(tag) };
  const object = value as { readonly [key: string]: LeafValue };
  return { t: 'o', v: Object.keys(object).map((key) => [key, tag(object[key] as LeafValue)] as const) };
}

const MAX_DEPTH = 64;

function untag(value: unknown, depth: number): LeafValue {
  if (depth > MAX_DEPTH) throw new TypeError(`a value nests deeper than ${MAX_DEPTH} levels`);
  if (!isRecord(value)) throw new TypeError('a value is not tagged');
  const v = value.v;
  switch (value.t) {
    case 's':
      if (typeof v === 'string') return v;
      break;
    case 'n':
      if (typeof v === 'number') return v;
      break;
    case 'b':
      if (typeof v === 'boolean') return v;
      break;
    case 'z':
      return null;
    case 'i':
      if (typeof v === 'string' && /^-?\d{1,4096}$/.test(v)) return BigInt(v);
      break;
    case 'd':
      if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(v);
      break;
    case 'a':
      if (Array.isArray(v)) return v.map((item) => untag(item, depth + 1));
      break;
    case 'o': {
      if (!Array.isArray(v)) break;
      // A null-prototype node: a `__proto__` key is an own property here, refused by the builder.
      const node: Record<string, LeafValue> = Object.create(null);
      for (const pair of v) {
        if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') {
          throw new TypeError('an object member is not [key, value]');
        }
        node[pair[0]] = untag(pair[1], depth + 1);
      }
      return node;
    }
  }
  throw new TypeError('a tagged value has the wrong type');
}

function checkOrigin(value: unknown): Origin {
  if (!isRecord(value) || typeof value.source !== 'string' || typeof value.locator !== 'string') {
    throw new TypeError('an origin needs source and locator');
  }
  const version = value.version;
  if (version !== undefined && typeof version !== 'number' && typeof version !== 'string') {
    throw new TypeError('an origin version is not a number or string');
  }
  if (value.secret !== undefined && typeof value.secret !== 'boolean')
    throw new TypeError('origin.secret is not boolean');
  return {
    source: value.source,
    locator: value.locator,
    ...(version === undefined ? {} : { version }),
    ...(value.secret === true ? { secret: true } : {}),
  };
}

function originCopy(origin: Origin): Origin {
  return {
    source: origin.source,
    locator: origin.locator,
    ...(origin.version === undefined ? {} : { version: origin.version }),
    ...(origin.secret === undefined ? {} : { secret: origin.secret }),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
