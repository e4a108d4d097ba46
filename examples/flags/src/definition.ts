import { defineConfig } from '@strata/core';
import { fileSource } from '@strata/file';
import { CheckoutConfig } from './sections.js';

/** The service's configuration: `config/default.yaml` (and `<env>.yaml`), flag rules included. */
export default defineConfig({
  sections: [CheckoutConfig],
  sources: [fileSource({ dir: 'config' })],
});
