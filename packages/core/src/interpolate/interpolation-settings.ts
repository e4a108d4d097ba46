import type { Layer } from '../models/layer.js';

/** What interpolation reads besides the layers: fixed for the life of a configuration. */
export interface InterpolationSettings {
  /** The variables `${env:NAME}` reads (the load's `env`, not `process.env` behind the caller's back). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where a `${file:…}` path of a value that did not come from a file resolves. */
  readonly cwd: string;
  /** Whether a layer's string values are templates (its source's `interpolate`, or the default for its kind). */
  readonly layerInterpolates: (layer: Layer) => boolean;
  /** Paths (a field, or every field under a section) whose values are never templates. */
  readonly skip?: readonly string[] | undefined;
  /** Variables whose values are secret wherever they go (the `@Env` names of `@Secret` fields are added). */
  readonly secretEnv?: readonly string[] | undefined;
}
