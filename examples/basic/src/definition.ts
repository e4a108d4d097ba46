import { defineConfig } from '@strata/core';
import { envSource } from '@strata/env';
import { fileSource } from '@strata/file';
import { DatabaseConfig, LogConfig, ServerConfig } from './sections.js';

/**
 * The application's configuration: three sections, read from the platform's shared folder, then
 * config/<profile>.yaml, then APP_* variables (later wins). `strata.config.mjs` re-exports it so the CLI
 * sees exactly what the app sees.
 */
export default defineConfig({
  sections: [ServerConfig, DatabaseConfig, LogConfig],
  sources: [
    // platform/ (global, then <env>) lies under config/: see docs/templates.md on shared folders.
    fileSource({ dir: 'config', shared: { dir: 'platform', service: 'basic' } }),
    envSource({ prefix: 'APP_' }),
  ],
});
