/**
 * The attributes a flag is evaluated for: `targetingKey` (the user, session or request a split buckets),
 * and any others rules test (`email`, `appVersion`, `country`, `plan`). The shape of OpenFeature's
 * evaluation context, so the provider hands it over as it is.
 */
export interface FlagContext {
  /** The key a percentage split hashes (with the flag's key), unless the split names another attribute. */
  readonly targetingKey?: string | undefined;
  readonly [attribute: string]: unknown;
}
