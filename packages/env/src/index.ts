/**
 * @strata/env — environment variables, `.env` files and command-line flags as Strata sources.
 *
 * Everything public is listed here; anything not exported from this file is private.
 */
export type { EnvSourceOptions } from './env-source.js';
export { envSource } from './env-source.js';
export type { DotenvSourceOptions } from './dotenv-source.js';
export { dotenvSource } from './dotenv-source.js';
export { defaultDotenvFiles } from './dotenv/default-dotenv-files.js';
export type { ArgvSourceOptions } from './argv-source.js';
export { argvSource } from './argv-source.js';
export type { VariableMappingOptions } from './variables/variable-options.js';
