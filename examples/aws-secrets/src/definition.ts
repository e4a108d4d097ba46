import { type ConfigDefinition, defineConfig } from '@strata/core';
import { type SecretsManagerSourceOptions, secretsManagerSource } from '@strata/aws-secrets';
import { ApiConfig, DatabaseConfig } from './sections.js';

/** The demo's configuration: a JSON secret expanded under `database`, a plain one at `api.key`. */
export function secretsDefinition(
  clientOptions: NonNullable<SecretsManagerSourceOptions['clientOptions']>,
  pollIntervalMs: number,
): ConfigDefinition {
  return defineConfig({
    sections: [DatabaseConfig, ApiConfig],
    sources: [
      secretsManagerSource({
        secrets: [
          { id: 'app/{env}/database', key: 'database' },
          { id: 'app/{env}/api-key', key: 'api.key' },
        ],
        clientOptions,
        pollIntervalMs,
      }),
    ],
  });
}
