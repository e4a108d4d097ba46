import { createHmac } from 'node:crypto';
import type { Layer } from '@strata/core/source';
import type { FleetKey } from './fleet-keys.js';
import { layerToJson } from './layer-json.js';

/** Beyond this many versioned values a notice carries one content MAC instead of the list. */
const MAX_LISTED = 256;

/**
 * The versions a layer holds, as a notice states them: `locator@version` for each value whose source
 * reports a version (Vault `secret/data/app#password@7`, SSM `/app/prod/db/port@3`), sorted; plus
 * `content:<mac>` when some value has no version (a file, KV v1) or the list would be long. The content
 * MAC is an HMAC under the fleet key, not a bare hash, so a short secret cannot be guessed from it offline.
 */
export function versionsOf(layer: Layer, key: FleetKey): readonly string[] {
  const listed = new Set<string>();
  let unversioned = false;
  for (const entry of layer.entries) {
    if (entry.origin.version === undefined) unversioned = true;
    else listed.add(`${entry.origin.locator}@${entry.origin.version}`);
  }
  const versions = [...listed].sort();
  if (!unversioned && versions.length <= MAX_LISTED) return versions;
  const mac = createHmac('sha256', key.mac)
    .update(JSON.stringify(layerToJson(layer)))
    .digest('hex')
    .slice(0, 32);
  return [...(versions.length <= MAX_LISTED ? versions : []), `content:${mac}`];
}
