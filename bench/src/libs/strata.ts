import type { SectionSpec } from '../fixtures/fixture-spec.js';
import type { FixtureContext, LibraryAdapter } from './adapter.js';
import type { ConfigClass } from './section-class.js';
import { type StrataSetup, strataAdapterWith, strataClassesWith, strataSetupWith } from './strata-adapter.js';
import { strataSectionClass } from './strata-rules-schema.js';

export type { StrataSetup } from './strata-adapter.js';

/**
 * Strata as its documentation recommends: `@Section` classes whose rules come from `@strata/core/rules`
 * (class-validator's own decorators, without class-validator's or class-transformer's index),
 * `fileSource({ dir })` for default.yaml + production.yaml and `envSource({ prefix: 'APP_' })`.
 */
export const strataAdapter: LibraryAdapter = strataAdapterWith(strataSectionClass);

/** The Strata definition of a fixture (rules from `@strata/core/rules`). */
export function strataSetup(context: FixtureContext): StrataSetup {
  return strataSetupWith(strataSectionClass, context);
}

/** One `@Section(name)` class per section (rules from `@strata/core/rules`). */
export function strataClasses(sections: readonly SectionSpec[]): ConfigClass[] {
  return strataClassesWith(strataSectionClass, sections);
}
