import { defineConfig } from '@strata/core';
import { fileSource } from '@strata/file';
import { GreetingConfig, LimitsConfig, ServerConfig } from './sections.js';

/** The service's configuration: three sections from `config/default.yaml` (and `<env>.yaml`, `local.yaml`). */
export default defineConfig({
  sections: [ServerConfig, GreetingConfig, LimitsConfig],
  sources: [fileSource({ dir: 'config' })],
});
