import { StrataError } from '../errors/strata-error.js';
import { UnsafeKeyError } from '../errors/unsafe-key-error.js';
import type { InputLimits } from '../layer/input-limits.js';
import type { Issue } from '../models/issue.js';
import type { LeafValue } from '../models/layer.js';
import type { Origin } from '../models/origin.js';
import type { FieldSchema, SecretSourceKind } from '../models/schema-model.js';
import type { Candidate } from '../models/candidate.js';
import { ENVELOPE_PREFIX, ENVELOPE_VERSION, isEnvelope, isEnvelopeLookalike } from '../secrets/envelope.js';
import { coerceValue } from './coerce-value.js';
import type { FieldSlots } from '../schema/field-slots.js';
import { formatValue } from './format-value.js';
import { secretKinds } from '../interpolate/secret-kinds.js';

/** Turns an `enc:` envelope into its typed value, or throws a `DecryptionError`. */
export type Decrypt = (envelope: string, path: string) => string | number | boolean;

/** Options of {@link resolveValues}. */
export interface ResolveOptions {
  readonly decrypt?: Decrypt | undefined;
  /** The sources a secret may come from when its `@Secret` lists none. Undefined: any. */
  readonly secretSources?: readonly SecretSourceKind[] | undefined;
  /** The input limits of the layer at an index, when its source set them (JSON text is read within them). */
  readonly limitsOf?: ((layer: number) => InputLimits | undefined) | undefined;
}

/** The winning, converted value of every field that some source set, by field slot ({@link FieldSlots}). */
export interface ResolvedValues {
  /**
   * Converted values by slot, where `origins` has an origin. `undefined` there means a source cleared the
   * value (`null`).
   */
  readonly values: unknown[];
  /** The origin of each value in `values`; undefined for a field no source set (or whose value failed). */
  readonly origins: (Origin | undefined)[];
  /** Paths whose value is secret because of its origin (a Vault value), not only its schema. */
  readonly secretPaths: Set<string>;
  readonly issues: Issue[];
  /**
   * JSON text (from an env var, a `.env` file, a flag) held a key that could pollute prototypes: the load is
   * refused with this error, as a file with that key is.
   */
  readonly refused?: UnsafeKeyError | undefined;
}

/**
 * Pick each field's winner, decrypt `enc:` values, convert to the declared type and apply the secret source
 * policy. Problems become issues; nothing throws for bad input.
 */
export function resolveValues(
  slots: FieldSlots,
  merged: {
    /** Candidates by slot. */
    readonly candidates: readonly (readonly Candidate[] | undefined)[];
    /** The slots to resolve, in the order their issues are reported. */
    readonly setSlots: readonly number[];
  },
  options: ResolveOptions,
): ResolvedValues {
  const values = new Array<unknown>(slots.size).fill(undefined);
  const origins = new Array<Origin | undefined>(slots.size).fill(undefined);
  const secretPaths = new Set<string>();
  const issues: Issue[] = [];
  let refused: UnsafeKeyError | undefined;
  const limitsOf = options.limitsOf ?? (() => undefined);
  for (const slot of merged.setSlots) {
    const list = merged.candidates[slot]!;
    const field = slots.fields[slot]!;
    const { path } = field;
    let picked: Candidate | undefined;
    try {
      picked = field.type === 'object' ? pickObject(field, list, limitsOf) : pickLeaf(field, list, issues);
    } catch (error) {
      if (!(error instanceof UnsafeKeyError)) throw error;
      refused ??= error;
      continue;
    }
    if (!picked) continue;
    let { value, origin } = picked;
    const { textual } = picked;
    if (origin.secret) secretPaths.add(path);
    if (isEnvelopeLookalike(value) || (Array.isArray(value) && value.some(isEnvelopeLookalike))) {
      issues.push(
        problem(
          field,
          'decryption',
          `looks like an encrypted value but is not one: an envelope starts with exactly "${ENVELOPE_PREFIX}${ENVELOPE_VERSION}:" (lower case, nothing before it)`,
          origin,
        ),
      );
      continue;
    }
    if (containsEnvelope(value)) {
      if (!options.decrypt) {
        issues.push(
          problem(
            field,
            'decryption',
            'is encrypted but no keyring is configured (set STRATA_KEYS or STRATA_KEY_FILE)',
            origin,
          ),
        );
        continue;
      }
      try {
        value = decryptLeaf(value, path, options.decrypt);
        origin = markEncrypted(origin);
        // A value someone bothered to encrypt is a secret, whatever the schema says.
        secretPaths.add(path);
      } catch (error) {
        const detail = StrataError.is(error)
          ? error.message.replace(/^Cannot decrypt \S+/, '')
          : ': unreadable envelope';
        issues.push(problem(field, 'decryption', `cannot be decrypted${detail}`, origin));
        continue;
      }
    }
    const secret = field.secret || secretPaths.has(path);
    if (secret) {
      const allowed = field.secretSources ?? options.secretSources;
      // A templated value's secret came from what it referenced: the policy applies to those sources.
      const kind = secretKinds(origin, field.secret).find((k) => !allowed?.includes(k)) ?? '';
      if (allowed && kind !== '') {
        issues.push(
          problem(
            field,
            'secretSource',
            `is a secret and may only come from ${allowed.join(', ')}, not ${kind === 'encrypted' ? 'an encrypted value' : `plain text from ${kind}`}`,
            origin,
          ),
        );
      }
    }
    // Most file values already have their declared type: keep them without a conversion call.
    if (hasDeclaredType(field, value)) {
      values[slot] = value;
      origins[slot] = origin;
      continue;
    }
    const converted = coerceValue(field, value, textual, limitsOf(picked.layer));
    if (!converted.ok && converted.unsafeKey) {
      refused ??= unsafeKeyError(field, converted.unsafeKey, origin);
      continue;
    }
    if (!converted.ok) {
      const issue: Issue = {
        ...problem(field, 'type', converted.message, origin),
        value: formatValue(value, secret),
      };
      issues.push(quotedInFile(field, value, origin, textual) ? { ...issue, hint: QUOTES_HINT } : issue);
      continue;
    }
    values[slot] = converted.value;
    origins[slot] = origin;
  }
  return { values, origins, secretPaths, issues, refused };
}

function unsafeKeyError(
  field: FieldSchema,
  unsafe: { readonly segment: string; readonly path: readonly string[] },
  origin: Origin,
): UnsafeKeyError {
  return new UnsafeKeyError(unsafe.segment, [...field.path.split('.'), ...unsafe.path], origin);
}

const QUOTES_HINT = 'remove the quotes in the file';

/**
 * The value is a file's quoted string that would have been right unquoted (`port: "8080"`): only then does
 * "remove the quotes" help. An unquoted YAML word is a string too, and a plugin's value has no quotes to remove.
 */
function quotedInFile(field: FieldSchema, value: LeafValue, origin: Origin, textual: boolean): boolean {
  if (textual || origin.source !== 'file' || typeof value !== 'string') return false;
  if (field.type !== 'number' && field.type !== 'integer' && field.type !== 'boolean') return false;
  // A YAML/JSON/TOML boolean is only `true`/`false`; the env words (`yes`, `on`) would stay strings unquoted.
  if (field.type === 'boolean') return value === 'true' || value === 'false';
  return coerceValue(field, value, true).ok;
}

function pickLeaf(field: FieldSchema, list: readonly Candidate[], issues: Issue[]): Candidate | undefined {
  let winner: Candidate | undefined;
  for (const candidate of list) {
    if (candidate.sub.length === 0) {
      winner = candidate;
      continue;
    }
    issues.push(
      problem(
        field,
        'type',
        `is a single ${field.type} value; "${candidate.sub.join('.')}" cannot be set inside it`,
        candidate.origin,
      ),
    );
  }
  return winner;
}

/**
 * Object-typed fields merge key by key across layers, like sections do. Throws {@link UnsafeKeyError} when
 * one layer's JSON text for the field holds a key that could pollute prototypes.
 */
function pickObject(
  field: FieldSchema,
  list: readonly Candidate[],
  limitsOf: (layer: number) => InputLimits | undefined,
): Candidate | undefined {
  const last = list[list.length - 1];
  if (!last) return undefined;
  if (list.length === 1 && last.sub.length === 0) return last;
  let merged: Record<string, LeafValue> = {};
  let textual = false;
  for (const candidate of list) {
    if (candidate.sub.length === 0) {
      // A whole object (or JSON text) replaces what came before.
      if (typeof candidate.value === 'string') {
        const parsed = coerceValue(
          { type: 'object' },
          candidate.value,
          candidate.textual,
          limitsOf(candidate.layer),
        );
        if (!parsed.ok && parsed.unsafeKey) throw unsafeKeyError(field, parsed.unsafeKey, candidate.origin);
        merged = parsed.ok ? { ...(parsed.value as Record<string, LeafValue>) } : {};
      } else if (candidate.value !== null && typeof candidate.value === 'object') {
        merged = { ...(candidate.value as Record<string, LeafValue>) };
      } else {
        merged = {};
      }
      continue;
    }
    textual = textual || candidate.textual;
    let node: Record<string, LeafValue> = merged;
    for (const key of candidate.sub.slice(0, -1)) {
      const next = node[key];
      if (next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
      node = node[key] as Record<string, LeafValue>;
    }
    node[candidate.sub[candidate.sub.length - 1]!] = candidate.value;
  }
  return { value: merged, origin: last.origin, textual, layer: last.layer, sub: [] };
}

function problem(field: FieldSchema, constraint: string, message: string, origin: Origin): Issue {
  return { path: field.path, message, constraint, severity: 'error', origin };
}

function containsEnvelope(value: LeafValue): boolean {
  return isEnvelope(value) || (Array.isArray(value) && value.some(isEnvelope));
}

/** Decrypt a string leaf, or the encrypted items of a list (each sealed to `path.index`). */
function decryptLeaf(value: LeafValue, path: string, decrypt: Decrypt): LeafValue {
  if (typeof value === 'string') return decrypt(value, path);
  return (value as readonly LeafValue[]).map((item, i) =>
    isEnvelope(item) ? decrypt(item, `${path}.${i}`) : item,
  );
}

/**
 * A copy of an origin with `encrypted: true`. Copies property descriptors rather than spreading: a file
 * origin's locator may be a getter that computes the position on first read, and spreading would compute it
 * for every encrypted value at load. Getters stay bound to the original, whose state they may read.
 */
function markEncrypted(origin: Origin): Origin {
  const descriptors = Object.getOwnPropertyDescriptors(origin);
  for (const descriptor of Object.values(descriptors)) {
    if (descriptor.get) descriptor.get = descriptor.get.bind(origin);
  }
  const copy = Object.defineProperties({}, descriptors) as Origin;
  Object.defineProperty(copy, 'encrypted', { value: true, enumerable: true });
  return copy;
}

/** The value is already what `coerceValue` would return for it unchanged (a scalar of the declared type). */
function hasDeclaredType(field: FieldSchema, value: LeafValue): boolean {
  switch (field.type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
    case 'integer':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return false;
  }
}
