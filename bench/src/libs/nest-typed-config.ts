import 'reflect-metadata';
import { dotenvLoader, fileLoader, selectConfig, TypedConfigModule } from 'nest-typed-config';
import { ENV_PREFIX } from '../fixtures/fixture-spec.js';
import type { LibraryAdapter } from './adapter.js';
import { rootClass, sectionClass } from './class-validator-schema.js';
import { envConverter } from './env-conversion.js';

/**
 * nest-typed-config: class-validator classes (a root class with one nested section per property),
 * `TypedConfigModule.forRoot` with its documented "multiple loaders" (two `fileLoader({ absolutePath })`,
 * then `dotenvLoader({ separator: '__' })` for the environment) and a `normalize` that converts the
 * environment's text to numbers and booleans, as its README shows. `selectConfig` reads the validated
 * configuration without starting a Nest application (its documented standalone use). Its default validation
 * is class-transformer's `plainToClass` + class-validator's `validateSync` with `whitelist` and
 * `forbidUnknownValues`.
 */
export const nestTypedConfigAdapter: LibraryAdapter = {
  async prepare({ spec, paths }) {
    const classes = spec.sections.map(sectionClass);
    const Root = rootClass(spec.sections, classes);
    const convert = envConverter(spec);
    const prefix = ENV_PREFIX;
    return {
      async load() {
        const module = TypedConfigModule.forRoot({
          schema: Root,
          load: [
            fileLoader({ absolutePath: paths.defaultFile }),
            fileLoader({ absolutePath: paths.environmentFile }),
            dotenvLoader({
              separator: '__',
              ignoreEnvFile: true,
              keyTransformer: (key) =>
                key.startsWith(prefix) ? key.slice(prefix.length).toLowerCase() : key,
            }),
          ],
          normalize(config) {
            convert(config);
            return config;
          },
        });
        const root = selectConfig(module, Root) as Record<string, Record<string, unknown>>;
        return {
          value: (section, key) => root[section]?.[key],
          hotPath: (section, key) => ({
            kind: 'property',
            target: root[section]!,
            key,
            how: 'injected section instance: `section.key`',
          }),
          close: async () => {},
        };
      },
    };
  },
};
