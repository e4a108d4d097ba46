import type { Origin } from '@strata/core';

/** One variable as a source read it, before mapping: from the environment or from a `.env` file. */
export interface RawVariable {
  /** The variable's name, exactly as written (`APP_DATABASE__PORT`). */
  readonly name: string;
  readonly value: string;
  /** Where it was read: `env APP_DATABASE__PORT`, `dotenv .env.production:7`. */
  readonly origin: Origin;
}
