import { defineConfig } from '@strata/core';
import { envSource } from '@strata/env';
import { fileSource } from '@strata/file';
import { DatabaseConfig, LogConfig, ServerConfig } from './sections.js';

/**
 * The application's configuration: three sections, read from config/<profile>.yaml and then from APP_*
 * variables (later wins). `strata.config.mjs` re-exports it so the CLI sees exactly what the app sees.
 */
export default defineConfig({
  sections: [ServerConfig, DatabaseConfig, LogConfig],
  sources: [fileSource({ dir: 'config' }), envSource({ prefix: 'APP_' })],
});
