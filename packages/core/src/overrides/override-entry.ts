import type { Origin } from '../models/origin.js';

/** One runtime override, as `config.overrides.list()` reports it. */
export interface OverrideEntry {
  /** The dotted path, spelled as the schema spells it when the path is known. */
  readonly path: string;
  /**
   * The value as given (text when set with `text: true`), or `[redacted]` for a secret field, a secret origin,
   * or a path the schema does not know (it may be a misspelt secret).
   */
  readonly value: unknown;
  /** `{ source: 'override', locator: <actor, or 'runtime'> }`: what `explain` and change events show. */
  readonly origin: Origin;
  readonly secret: boolean;
  /** The value was given as text to convert. */
  readonly text: boolean;
  readonly reason: string | undefined;
  readonly setAt: Date;
  /** When it lapses; undefined for an override that stays until deleted. */
  readonly expiresAt: Date | undefined;
}
