import { type ConfigDefinition, defineConfig } from '@strata/core';
import { type SsmSourceOptions, ssmSource } from '@strata/aws-ssm';
import { DatabaseConfig, HttpConfig } from './sections.js';

/** The demo's configuration: the `/app/<env>/` hierarchy of Parameter Store. */
export function ssmDefinition(
  clientOptions: NonNullable<SsmSourceOptions['clientOptions']>,
  pollIntervalMs: number,
): ConfigDefinition {
  return defineConfig({
    sections: [DatabaseConfig, HttpConfig],
    sources: [
      // /app/<env>/database/pool_size → database.poolSize; SecureStrings are decrypted.
      ssmSource({ path: '/app/{env}/', clientOptions, pollIntervalMs }),
    ],
  });
}
