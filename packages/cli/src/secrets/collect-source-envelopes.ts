import { type Keyring, verifyLayerMacs } from '@strata/core/secrets';
import { eachSourceLayer } from '../definition/each-source-layer.js';
import type { LoadedDefinition } from '../definition/load-definition.js';
import type { FileEnvelope } from './read-file-envelopes.js';
import { leafEnvelopes } from './leaf-envelopes.js';
import { safeErrorMessage } from './safe-error-message.js';

/** The origins whose values live in files someone commits: configuration files and `.env` files. */
const fileOrigins: ReadonlySet<string> = new Set(['file', 'dotenv']);

/** Options of {@link collectSourceEnvelopes}. */
export interface CollectOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The environments whose files to look at. */
  readonly environments: readonly string[];
  /** Also check each file's `strata-mac` entry with this keyring. */
  readonly keyring?: Keyring;
}

/** The encrypted values of the definition's files, and the sources that could not be loaded. */
export interface CollectedEnvelopes {
  /** Each value once (a file read in several environments counts once), in the order first seen. */
  readonly envelopes: readonly FileEnvelope[];
  /** The files that were read, by display name, in the order first seen. */
  readonly files: readonly string[];
  /** Messages of sources that failed to load (their files could not be checked), without file excerpts. */
  readonly problems: readonly string[];
  /** Files whose `strata-mac` does not match their encrypted values (each message once). */
  readonly macFailures: readonly string[];
}

/**
 * Load each source for each environment (no merge, no validation, no decryption) and collect the `enc:`
 * values of the entries that came from files: exactly the values the engine would decrypt, with the paths
 * it would decrypt them at.
 */
export async function collectSourceEnvelopes(
  loaded: LoadedDefinition,
  options: CollectOptions,
): Promise<CollectedEnvelopes> {
  const envelopes: FileEnvelope[] = [];
  const seen = new Set<string>();
  const files: string[] = [];
  const macFailures: string[] = [];
  const problems = await eachSourceLayer(loaded, { ...options, messageOf: safeErrorMessage }, (layer) => {
    if (options.keyring) {
      try {
        verifyLayerMacs(layer, options.keyring);
      } catch (error) {
        const message = safeErrorMessage(error);
        if (!macFailures.includes(message)) macFailures.push(message);
      }
    }
    for (const entry of layer.entries) {
      if (!fileOrigins.has(entry.origin.source)) continue;
      const { locator } = entry.origin;
      const file = locator.replace(/(:\d+){1,2}$/, '');
      if (!files.includes(file)) files.push(file);
      for (const found of leafEnvelopes(entry.path, entry.value)) {
        const key = `${locator}\u0000${found.path}`;
        if (seen.has(key)) continue;
        seen.add(key);
        envelopes.push({ ...found, locator });
      }
    }
  });
  return { envelopes, files, problems, macFailures };
}
