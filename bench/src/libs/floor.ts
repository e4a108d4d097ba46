import { readFile } from 'node:fs/promises';
import jsyaml from 'js-yaml';
import type { LibraryAdapter, LoadedConfig } from './adapter.js';
import { strataSectionClass } from './strata-rules-schema.js';

/**
 * Not a library: what any loader of decorated class-validator classes from YAML must do before its own work —
 * import reflect-metadata and the rule decorators' files (through `@strata/core/rules`, which loads only
 * those), decorate the classes, read and parse both YAML files with js-yaml. No merging of the environment,
 * no conversion, no validation. Measured in the cold-start suite only: it shows how much of Strata's cold
 * start any loader of these classes pays, and how much is Strata's own.
 */
export const floorAdapter: LibraryAdapter = {
  async prepare({ spec, paths }) {
    const classes = spec.sections.map((section) => strataSectionClass(section));
    return {
      async load(): Promise<LoadedConfig> {
        const [base, environment] = await Promise.all(
          [paths.defaultFile, paths.environmentFile].map(
            async (file) =>
              jsyaml.load(await readFile(file, 'utf8')) as Record<string, Record<string, unknown>>,
          ),
        );
        const value = (section: string, key: string): unknown =>
          environment?.[section]?.[key] ?? base?.[section]?.[key];
        return {
          value,
          hotPath: (section, key) => ({
            kind: 'property',
            target: base?.[section] ?? {},
            key,
            how: `plain object (${classes.length} decorated classes, not used to load)`,
          }),
          close: async () => undefined,
        };
      },
    };
  },
};
