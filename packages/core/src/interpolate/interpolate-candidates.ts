import type { Candidate } from '../models/candidate.js';
import type { Issue } from '../models/issue.js';
import type { Layer } from '../models/layer.js';
import type { SchemaModel } from '../models/schema-model.js';
import type { FieldSlots } from '../schema/field-slots.js';
import type { InputLimitError } from '../errors/input-limit-error.js';
import type { InterpolationCycleError } from '../errors/interpolation-cycle-error.js';
import type { UnsafeKeyError } from '../errors/unsafe-key-error.js';
import type { InterpolationSettings } from './interpolation-settings.js';
import { noInterpolationPaths } from './no-interpolation.js';
import { winnerOf } from './winner-of.js';

/** What {@link interpolateCandidates} works on. */
export interface InterpolateInput {
  readonly schema: SchemaModel;
  readonly slots: FieldSlots;
  readonly layers: readonly Layer[];
  /** The merged candidates by slot (left unchanged) and the slots that have some. */
  readonly candidates: readonly (readonly Candidate[] | undefined)[];
  readonly setSlots: readonly number[];
  readonly settings: InterpolationSettings;
  /** Decrypts a referenced `enc:` value (sealed to its own path), when a keyring is configured. */
  readonly decrypt?: ((envelope: string, path: string) => string | number | boolean) | undefined;
}

/** Candidates with templates expanded, problems as issues, or an error that stops the whole build. */
export interface InterpolateResult {
  /** The candidates by slot, the winners that were templates replaced by their expanded text. */
  readonly candidates: readonly (readonly Candidate[] | undefined)[];
  readonly issues: readonly Issue[];
  /** A cycle, an expansion past the input limits, or a reference through `__proto__`. */
  readonly error?: InterpolationCycleError | InputLimitError | UnsafeKeyError | undefined;
}

/** The kinds of source whose values are templates unless their source says otherwise: local, operator-written. */
const localKinds = new Set(['file', 'env', 'dotenv', 'argv', 'defaults']);

/**
 * Whether a source's values are templates when it does not say (`ConfigSource.interpolate`): yes for files,
 * variables, `.env` files, flags and package defaults; no for everything else (Vault, SSM, plugins), whose
 * values an operator did not write as templates and may legitimately contain `${`.
 */
export function interpolatesByDefault(sourceName: string): boolean {
  return localKinds.has(sourceName.split(':')[0]!);
}

/**
 * Expand `${…}` in the winning values, after merge and before conversion. One pass over the references
 * actually used: each referenced value is resolved once (memoised), in reference order, so a cycle is found
 * as the value being resolved is met again. Values that contain no `${` cost one `includes` each, and a build
 * without any template never loads the expansion code (`expandTemplates`, a chunk of its own).
 */
export async function interpolateCandidates(input: InterpolateInput): Promise<InterpolateResult> {
  const { slots, layers, candidates, settings } = input;
  const skipped = noInterpolationPaths(input.schema);
  const skip = settings.skip ?? [];
  const templateWinner = (slot: number): Candidate | undefined => {
    const winner = winnerOf(candidates[slot], slots.fields[slot]!);
    if (!winner || typeof winner.value !== 'string' || !winner.value.includes('${')) return undefined;
    const field = slots.fields[slot]!;
    if (skipped.has(field.path) || skip.some((p) => field.path === p || field.path.startsWith(`${p}.`)))
      return undefined;
    const layer = layers[winner.layer];
    return layer && settings.layerInterpolates(layer) ? winner : undefined;
  };
  const templated = input.setSlots.filter((slot) => templateWinner(slot) !== undefined);
  if (templated.length === 0) return { candidates, issues: [] };

  const { expandTemplates } = await import('./expand-templates.js');
  return expandTemplates(input, templateWinner, templated);
}
