import { Config } from './config.js';
import type { ConfigParts } from './config-parts.js';

/** A new {@link Config} from its wired collaborators; for `loadConfig` only (not exported from the package). */
export function createConfig(parts: ConfigParts): Config {
  // Config's constructor is private so its internal parameter stays out of the published declarations.
  return new (Config as unknown as new (parts: ConfigParts) => Config)(parts);
}
