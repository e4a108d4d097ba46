import { type Config, type ConfigDefinition, type LoadOptions, loadConfig, Section } from '@strata/core';
import { envSource } from '@strata/env';
import { fileSource } from '@strata/file';
import { ENV_PREFIX, ENVIRONMENT, type SectionSpec } from '../fixtures/fixture-spec.js';
import type { FixtureContext, LibraryAdapter, LoadedConfig } from './adapter.js';
import type { ConfigClass } from './section-class.js';

/** Builds one section's class with its rules; where the rules come from is the caller's choice. */
export type SectionClassFactory = (section: SectionSpec) => ConfigClass;

/**
 * Strata: one `@Section` class per section (class-validator rules), `fileSource({ dir })` for
 * default.yaml + production.yaml and `envSource({ prefix: 'APP_' })` with `__` nesting, `strict: true`.
 */
export function strataAdapterWith(makeClass: SectionClassFactory): LibraryAdapter {
  return {
    async prepare(context) {
      const setup = strataSetupWith(makeClass, context);
      return {
        async load() {
          return strataLoaded(await loadConfig(setup.definition(), setup.options), setup.bySection);
        },
      };
    },
  };
}

/** The Strata definition of a fixture. */
export interface StrataSetup {
  readonly classes: readonly ConfigClass[];
  readonly bySection: ReadonlyMap<string, ConfigClass>;
  /** A new definition: fresh sources and a fresh `sections` array, as a new process would pass. */
  definition(): ConfigDefinition;
  readonly options: LoadOptions;
}

/** `@Section` classes and the definition for the fixture's three layers. */
export function strataSetupWith(
  makeClass: SectionClassFactory,
  { spec, paths }: FixtureContext,
): StrataSetup {
  const classes = strataClassesWith(makeClass, spec.sections);
  return {
    classes,
    bySection: new Map(spec.sections.map((section, i) => [section.name, classes[i]!])),
    definition: () => ({
      sections: [...classes],
      sources: [fileSource({ dir: paths.configDir }), envSource({ prefix: ENV_PREFIX })],
      environment: ENVIRONMENT,
      // Unknown keys are errors, as a production service sets it.
      strict: true,
    }),
    options: { env: process.env, cwd: paths.root },
  };
}

/** One `@Section(name)` class per section. */
export function strataClassesWith(
  makeClass: SectionClassFactory,
  sections: readonly SectionSpec[],
): ConfigClass[] {
  return sections.map((section) => {
    const cls = makeClass(section);
    Section(section.name)(cls);
    return cls;
  });
}

/** The Strata view of a loaded configuration. */
export function strataLoaded(config: Config, bySection: ReadonlyMap<string, ConfigClass>): LoadedConfig {
  const section = (name: string): Record<string, unknown> =>
    config.get(bySection.get(name)!) as Record<string, unknown>;
  return {
    value: (name, key) => section(name)[key],
    hotPath: (name, key) => ({
      kind: 'property',
      target: section(name),
      key,
      how: 'injected section instance: `section.key`',
    }),
    close: () => config.close(),
  };
}
