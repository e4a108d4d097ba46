import { defineConfig } from '@strata/core';
import { fileSource } from '@strata/file';
import { GreetingConfig, LimitsConfig, ServerConfig, UpstreamConfig } from './sections.js';

/** The service's configuration: four sections from `config/default.yaml` (and `<env>.yaml`, `local.yaml`). */
export default defineConfig({
  sections: [ServerConfig, GreetingConfig, LimitsConfig, UpstreamConfig],
  sources: [fileSource({ dir: 'config' })],
});
