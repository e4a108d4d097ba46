import { ConfigValidationError } from '../errors/config-validation-error.js';
import type { UnsafeKeyError } from '../errors/unsafe-key-error.js';
import type { InputLimitError } from '../errors/input-limit-error.js';
import type { InterpolationCycleError } from '../errors/interpolation-cycle-error.js';
import { interpolateCandidates } from '../interpolate/interpolate-candidates.js';
import type { InterpolationSettings } from '../interpolate/interpolation-settings.js';
import type { Issue } from '../models/issue.js';
import type { Layer } from '../models/layer.js';
import type { SchemaRules } from '../schema/compiled-rule.js';
import type { FieldSchema, SchemaModel, SecretSourceKind } from '../models/schema-model.js';
import { deepFreeze } from '../snapshot/deep-freeze.js';
import { markSecretKeys } from '../snapshot/redaction.js';
import { createSnapshot } from '../snapshot/create-snapshot.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { assembleSections } from './assemble-sections.js';
import { type FieldSlots, fieldSlotsOf } from '../schema/field-slots.js';
import { type MergedLayers, mergeLayers } from './merge-layers.js';
import type { PathIndex } from './path-index.js';
import { type Decrypt, resolveValues } from './resolve-values.js';
import { validateSections } from './validate-sections.js';

/** Everything one run of the pipeline needs. */
export interface BuildInput {
  readonly schema: SchemaModel;
  /** The compiled rules read with the schema (`readSchemaResult`). */
  readonly rules: SchemaRules;
  readonly index: PathIndex;
  /** Layers in precedence order (later wins). */
  readonly layers: readonly Layer[];
  readonly environment: string;
  readonly generation: number;
  /** Unknown keys are errors (true) or warnings (false). */
  readonly strict: boolean;
  readonly decrypt?: Decrypt | undefined;
  readonly secretSources?: readonly SecretSourceKind[] | undefined;
  readonly describeInputs: (field: FieldSchema) => readonly string[];
  /** Run the validation rules. @default true */
  readonly validate?: boolean | undefined;
  /** Expand `${…}` templates between merge and conversion; undefined: values are taken as written. */
  readonly interpolation?: InterpolationSettings | undefined;
}

/** A validated snapshot, or every problem that stopped one. */
export type BuildResult =
  | { readonly ok: true; readonly snapshot: Snapshot }
  | {
      readonly ok: false;
      /** Every problem at once; or, alone, JSON text whose key could pollute prototypes (as a file's would). */
      readonly error: ConfigValidationError | UnsafeKeyError | InterpolationCycleError | InputLimitError;
      readonly warnings: readonly Issue[];
    };

/**
 * The pipeline in one direction: merge the layers (keeping every candidate), pick and convert each winner,
 * build instances over the defaults, validate everything, and freeze. Never throws for bad input: problems are
 * collected into one {@link ConfigValidationError}.
 */
export async function buildSnapshot(input: BuildInput): Promise<BuildResult> {
  const { schema } = input;
  const slots = fieldSlotsOf(schema);
  const merged = mergeLayers(input.layers, input.index, slots);
  if (merged.refused) return { ok: false, error: merged.refused, warnings: [] };
  // Templates are expanded on the merged winners, so a reference sees the value in effect, from any layer.
  const interpolated = input.interpolation
    ? await interpolateCandidates({
        schema,
        slots,
        layers: input.layers,
        candidates: merged.candidates,
        setSlots: merged.setSlots,
        settings: input.interpolation,
        decrypt: input.decrypt,
      })
    : undefined;
  if (interpolated?.error) return { ok: false, error: interpolated.error, warnings: [] };
  const toResolve = interpolated ? { ...merged, candidates: interpolated.candidates } : merged;
  const resolved = resolveValues(slots, toResolve, {
    decrypt: input.decrypt,
    secretSources: input.secretSources,
    limitsOf: (layer) => input.layers[layer]?.limits,
  });
  if (resolved.refused) return { ok: false, error: resolved.refused, warnings: [] };
  const assembled = assembleSections(schema, slots, resolved);
  const reported = new Set<string>([...resolved.issues, ...assembled.issues].map((issue) => issue.path));
  const validation =
    input.validate === false
      ? []
      : await validateSections(schema, assembled, {
          slots,
          origins: resolved.origins,
          secretPaths: resolved.secretPaths,
          reported,
          describeInputs: input.describeInputs,
          objectOf: schema.objectOf,
          rules: input.rules,
        });
  const unknown = merged.unknown.map(
    (issue): Issue => (input.strict ? issue : { ...issue, severity: 'warning' }),
  );
  const all = [
    ...merged.problems,
    ...(interpolated?.issues ?? []),
    ...resolved.issues,
    ...assembled.issues,
    ...validation,
    ...unknown,
    ...merged.deprecations,
  ];
  const errors = all.filter((issue) => issue.severity === 'error');
  const warnings = all.filter((issue) => issue.severity === 'warning');
  if (errors.length > 0)
    return { ok: false, error: new ConfigValidationError(input.environment, errors, warnings), warnings };

  const { secretPaths } = resolved;
  for (const [path, instance] of assembled.byPath) {
    const object = schema.object(path);
    if (!object) continue;
    // Most objects have no secret: no set for them, and no lookup per field while no origin made one secret.
    let secret: Set<string> | undefined;
    for (const [key, field] of object.fields) {
      if (!field.secret && (secretPaths.size === 0 || !secretPaths.has(field.path))) continue;
      secret ??= new Set();
      secret.add(key);
    }
    if (secret) markSecretKeys(instance, secret);
  }
  for (const instance of assembled.byPath.values()) deepFreeze(instance);
  const snapshot = createSnapshot({
    generation: input.generation,
    environment: input.environment,
    schema,
    slots,
    byClass: assembled.byClass,
    byPath: assembled.byPath,
    values: assembled.values,
    origins: resolved.origins,
    candidates: mergeAgain(input.layers, input.index, slots),
    secretPaths: resolved.secretPaths,
    warnings,
    describeInputs: input.describeInputs,
  });
  return { ok: true, snapshot };
}

/**
 * The candidates of a load, merged again from its layers (immutable, and the merge is deterministic). A function
 * of its own so that the closure holds the layers alone, not the first merge's lists.
 */
function mergeAgain(
  layers: readonly Layer[],
  index: PathIndex,
  slots: FieldSlots,
): () => MergedLayers['candidates'] {
  return () => mergeLayers(layers, index, slots).candidates;
}
