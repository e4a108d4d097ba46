import { defineConfig } from '@strata/core';
import { envSource } from '@strata/env';
import { fileSource } from '@strata/file';
import { GreetingConfig, ServerConfig } from './sections.js';

/** Two sections, from config/<profile>.yaml and then APP_* variables (later wins). */
export default defineConfig({
  sections: [ServerConfig, GreetingConfig],
  sources: [fileSource({ dir: 'config' }), envSource({ prefix: 'APP_' })],
});
