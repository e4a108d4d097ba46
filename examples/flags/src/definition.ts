import { defineConfig } from '@strata/core';
import { fileSource, scopedFileSource } from '@strata/file';
import { CheckoutConfig, LimitsConfig } from './sections.js';

/**
 * The service's configuration: `config/default.yaml` (and `<env>.yaml`), flag rules included; and one file per
 * tenant (`config/tenants/<tenant>.yaml`) laid over it in `config.scope({ tenant })`, flags' rules included.
 */
export default defineConfig({
  sections: [CheckoutConfig, LimitsConfig],
  sources: [fileSource({ dir: 'config' })],
  scopes: {
    sources: [scopedFileSource({ name: 'tenants', level: 'tenant', file: 'config/tenants/{tenant}.yaml' })],
  },
});
