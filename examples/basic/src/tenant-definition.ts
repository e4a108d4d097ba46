import { defineConfig } from '@strata/core';
import { scopedFileSource } from '@strata/file';
import definition from './definition.js';
import { LimitsConfig } from './limits.js';

/**
 * The application's configuration with tenant scopes: the same sections and sources, plus `LimitsConfig`,
 * and one file per tenant laid over the service's values in `config.scope({ tenant })`.
 */
export default defineConfig({
  ...definition,
  sections: [...definition.sections, LimitsConfig],
  scopes: {
    sources: [
      scopedFileSource({ name: 'tenant-files', level: 'tenant', file: 'config/tenants/{tenant}.yaml' }),
    ],
    cacheSize: 500,
  },
});
