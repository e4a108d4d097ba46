import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import yaml from 'js-yaml';
import { ENV_PREFIX } from '../fixtures/fixture-spec.js';
import type { LibraryAdapter } from './adapter.js';
import { type ConfigClass, rootClass, sectionClass } from './class-validator-schema.js';
import { envConverter } from './env-conversion.js';
import { sectionNode, setLeaf } from '../fixtures/two-level-tree.js';

/**
 * @nestjs/config: `ConfigModule.forRoot({ load: [factory] })` where the factory is the documented "custom
 * configuration file" (js-yaml, `readFileSync`) for default.yaml and production.yaml, overlaid with the
 * `APP_` variables converted explicitly (the docs' `parseInt(process.env.PORT, 10)` pattern), and validated
 * with the docs' class-validator `validate` function (`plainToInstance(..., { enableImplicitConversion: true })`
 * + `validateSync`). `forRoot`'s own `validate` option only sees environment variables, so the whole tree is
 * validated in the factory. Factories run inside Nest's container, so each load creates a Nest application
 * context (`NestFactory.createApplicationContext`, no HTTP server) and reads through `ConfigService`.
 */
export const nestjsConfigAdapter: LibraryAdapter = {
  async prepare({ spec, paths }) {
    const classes = spec.sections.map(sectionClass);
    const Root = rootClass(spec.sections, classes);
    const convert = envConverter(spec);
    const factory = (): Record<string, unknown> => {
      const tree = yaml.load(readFileSync(paths.defaultFile, 'utf8')) as Record<
        string,
        Record<string, unknown>
      >;
      const overrides = yaml.load(readFileSync(paths.environmentFile, 'utf8')) as Record<
        string,
        Record<string, unknown>
      >;
      for (const [section, values] of Object.entries(overrides))
        Object.assign(sectionNode(tree, section), values);
      for (const [name, text] of Object.entries(process.env)) {
        if (!name.startsWith(ENV_PREFIX) || text === undefined) continue;
        const [section, key] = name.slice(ENV_PREFIX.length).toLowerCase().split('__');
        if (section && key) setLeaf(tree, section, key, text);
      }
      convert(tree);
      return validate(Root, tree);
    };
    return {
      async load() {
        const AppModule = class {};
        Module({ imports: [await ConfigModule.forRoot({ ignoreEnvFile: true, load: [factory] })] })(
          AppModule,
        );
        const app = await NestFactory.createApplicationContext(AppModule, {
          logger: false,
          abortOnError: false,
        });
        const service = app.get(ConfigService);
        return {
          value: (section, key) => service.get(`${section}.${key}`),
          hotPath: (section, key) => ({
            kind: 'get',
            target: service,
            path: `${section}.${key}`,
            how: "`configService.get('section.key')`",
          }),
          close: () => app.close(),
        };
      },
    };
  },
};

/** The validate function of the NestJS configuration docs, applied to the whole tree. */
function validate(Root: ConfigClass, config: Record<string, unknown>): Record<string, unknown> {
  const validated = plainToInstance(Root, config, { enableImplicitConversion: true });
  const errors = validateSync(validated, { skipMissingProperties: false });
  if (errors.length > 0) throw new Error(errors.toString());
  return validated as Record<string, unknown>;
}
