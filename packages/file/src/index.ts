/**
 * @strata/file — configuration files as a Strata source: JSON, YAML and TOML with positions, environment
 * profiles, cosmiconfig discovery and directory watching.
 *
 * Everything public is listed here; anything not exported from this file is private.
 */
export type { FileConfigSource } from './file-source.js';
export { fileSource } from './file-source.js';
export type { ScopedFileSourceOptions } from './scoped-file-source.js';
export { scopedFileSource } from './scoped-file-source.js';
export type {
  DiscoverOptions,
  DiscoveryOptions,
  FileSourceCommonOptions,
  FileSourceOptions,
  ProfileDirectoryOptions,
  SharedConfigOptions,
  SingleFileOptions,
} from './file-source-options.js';
export { defaultProfiles, profileExtensions } from './file-source-options.js';
export { mountedDirSource } from './mounted/mounted-dir-source.js';
export type { MountedDirSourceOptions } from './mounted/mounted-dir-source-options.js';
export type { FileWatchHandle } from './watch/file-watch-handle.js';

export type { ParseConfigFileOptions } from './parse/parse-config-file.js';
export { parseConfigFile } from './parse/parse-config-file.js';
export type { ConfigFormat, ParsedConfigFile, ParsedEntry } from './parse/parsed-config.js';
export { locatorOf } from './parse/parsed-config.js';
export { configFormatOf } from './parse/config-format.js';
export { discoverySearchPlaces } from './load/discovery-plan.js';
