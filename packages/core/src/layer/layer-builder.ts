import { printable } from '../text/printable.js';
import { UnsafeKeyError } from '../errors/unsafe-key-error.js';
import type { Layer, LayerEntry, LeafValue } from '../models/layer.js';
import type { Origin } from '../models/origin.js';
import { type InputLimits, resolveInputLimits } from './input-limits.js';
import { isUnsafeSegment } from './unsafe-segment.js';

/** Options of {@link LayerBuilder}. */
export interface LayerBuilderOptions {
  /** The producing source's name. */
  source: string;
  /** Values are text to convert to declared types (env, argv, `.env`, SSM). @default false */
  textual?: boolean;
  /**
   * Bounds for JSON text this layer gives for object and list fields (a textual layer's `{"a": 1}`), checked
   * when the text is converted. The source's own `limits` option, passed through.
   * @default defaultInputLimits
   */
  limits?: Partial<InputLimits> | undefined;
}

/** Layers {@link LayerBuilder} built: their paths and values were checked as they were set. */
const checked = new WeakSet<Layer>();

/**
 * Collects a source's values into a {@link Layer}. Every source goes through it, so unsafe segments are
 * refused in one place, whatever the format.
 */
export class LayerBuilder {
  readonly #entries: LayerEntry[] = [];
  readonly #warnings: string[] = [];
  readonly #source: string;
  readonly #textual: boolean;
  readonly #limits: InputLimits | undefined;

  constructor(options: LayerBuilderOptions) {
    this.#source = options.source;
    this.#textual = options.textual ?? false;
    this.#limits = options.limits === undefined ? undefined : resolveInputLimits(options.limits);
  }

  /**
   * Add one leaf. Plain objects given as a value are flattened into leaves with the same origin; arrays stay
   * whole. Throws {@link UnsafeKeyError} for a `__proto__`, `prototype` or `constructor` segment.
   */
  set(path: readonly string[], value: LeafValue, origin: Origin): this {
    for (const segment of path) {
      if (isUnsafeSegment(segment)) throw new UnsafeKeyError(segment, path, origin);
    }
    if (isPlainObject(value)) {
      for (const key of Object.keys(value)) {
        this.set([...path, key], value[key] as LeafValue, origin);
      }
      return this;
    }
    if (Array.isArray(value)) assertSafeArray(value, path, origin);
    this.#entries.push({ path, value, origin });
    return this;
  }

  /** Add a note shown to the user with the load result. */
  warn(message: string): this {
    // Warnings name keys and files from the input; they are logged, often to a terminal.
    this.#warnings.push(printable(message, true));
    return this;
  }

  /** The number of leaves so far. */
  get size(): number {
    return this.#entries.length;
  }

  build(): Layer {
    const layer: Layer = {
      source: this.#source,
      entries: this.#entries,
      textual: this.#textual,
      warnings: this.#warnings,
    };
    const built = this.#limits === undefined ? layer : { ...layer, limits: this.#limits };
    checked.add(built);
    return built;
  }
}

/**
 * The first `__proto__`, `prototype` or `constructor` key of a layer that did not come from
 * {@link LayerBuilder} (a plugin's hand-built layer, a copy of a layer), as the error to refuse it with; in a
 * path segment, or a key of an object inside a value. Undefined for a safe layer and, at no cost, for every
 * layer the builder made.
 */
export function unsafeKeyOfLayer(layer: Layer): UnsafeKeyError | undefined {
  if (checked.has(layer)) return undefined;
  for (const { path, value, origin } of layer.entries) {
    const segment = path.find(isUnsafeSegment);
    if (segment !== undefined) return new UnsafeKeyError(segment, path, origin);
    try {
      if (isPlainObject(value)) assertSafeArray([value], path, origin);
      else if (Array.isArray(value)) assertSafeArray(value, path, origin);
    } catch (error) {
      if (error instanceof UnsafeKeyError) return error;
      throw error;
    }
  }
  return undefined;
}

/**
 * Build a layer from a plain value tree, asking `originOf` for each leaf's origin. Suits sources whose
 * format has no positions (Vault JSON, a plugin's object).
 */
export function layerFromTree(
  options: LayerBuilderOptions & {
    tree: { readonly [key: string]: LeafValue };
    originOf: (path: readonly string[]) => Origin;
    /** Prefix every path with these segments (`['database']`). */
    into?: readonly string[];
  },
): Layer {
  const builder = new LayerBuilder(options);
  const walk = (node: { readonly [key: string]: LeafValue }, path: readonly string[]): void => {
    for (const key of Object.keys(node)) {
      const value = node[key] as LeafValue;
      const next = [...path, key];
      if (isPlainObject(value)) walk(value, next);
      else builder.set(next, value, options.originOf(next));
    }
  };
  walk(options.tree, options.into ?? []);
  return builder.build();
}

/** True for `{}` and `Object.create(null)` objects, false for arrays, dates, class instances. */
export function isPlainObject(value: unknown): value is { readonly [key: string]: LeafValue } {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

function assertSafeArray(value: readonly LeafValue[], path: readonly string[], origin: Origin): void {
  for (const item of value) {
    if (isPlainObject(item)) {
      for (const key of Object.keys(item)) {
        if (isUnsafeSegment(key)) throw new UnsafeKeyError(key, path, origin);
        const inner = item[key];
        if (isPlainObject(inner) || Array.isArray(inner)) assertSafeArray([inner as LeafValue], path, origin);
      }
    } else if (Array.isArray(item)) {
      assertSafeArray(item, path, origin);
    }
  }
}
