import { entriesByFile } from '../layer/entries-by-file.js';
import { StrataError } from '../errors/strata-error.js';
import { LayerBuilder } from '../layer/layer-builder.js';
import type { Layer, LayerEntry, LeafValue } from '../models/layer.js';
import type { FileMacEntry } from './file-mac.js';

/** The top-level key a file uses to carry the MAC over its encrypted values. */
export const FILE_MAC_KEY = 'strata-mac';

/** Checks one file's MAC against its entries (the file's `strata-mac` value is `mac`); throws when it fails. */
export type FileMacCheck = (entries: readonly LayerEntry[], mac: string, where: string) => void;

/**
 * `verifyLayerMacs` without the cryptography: find each file's `strata-mac` entry, refuse one that is not a
 * string or that no keyring can check (`verify` undefined), hand the others to `verify`, and take the entries
 * out of the layer. A load without a keyring calls it directly, so a plain start never loads the MAC code
 * (node:crypto, the keyring); a layer without any `strata-mac` entry is returned as it is.
 */
export function checkLayerMacs(layer: Layer, verify: FileMacCheck | undefined): Layer {
  if (!layer.entries.some(isMacEntry)) return layer;
  const files = entriesByFile(layer);
  for (const [file, group] of files) {
    const macEntry = group.find(isMacEntry);
    if (!macEntry) continue;
    if (typeof macEntry.value !== 'string') {
      throw new StrataError('DECRYPTION_FAILED', `${file}: "${FILE_MAC_KEY}" must be a mac:v1: string`);
    }
    if (!verify) {
      throw new StrataError(
        'DECRYPTION_FAILED',
        `${file} has a "${FILE_MAC_KEY}" but no keyring is configured (set STRATA_KEYS or STRATA_KEY_FILE)`,
      );
    }
    verify(group, macEntry.value, file);
  }
  const builder = new LayerBuilder({ source: layer.source, textual: layer.textual });
  for (const entry of layer.entries)
    if (!isMacEntry(entry)) builder.set(entry.path, entry.value, entry.origin);
  for (const warning of layer.warnings) builder.warn(warning);
  return builder.build();
}

/** The encrypted values of one file's entries, with the paths they are sealed to (list items: `path.i`). */
export function envelopesOf(entries: readonly LayerEntry[]): FileMacEntry[] {
  const found: FileMacEntry[] = [];
  for (const entry of entries) {
    const path = entry.path.join('.');
    if (isEnvelopeText(entry.value)) found.push({ path, envelope: entry.value });
    else if (Array.isArray(entry.value)) {
      (entry.value as readonly LeafValue[]).forEach((item, i) => {
        if (isEnvelopeText(item)) found.push({ path: `${path}.${i}`, envelope: item });
      });
    }
  }
  return found;
}

function isEnvelopeText(value: LeafValue): value is string {
  return typeof value === 'string' && value.startsWith('enc:');
}

function isMacEntry(entry: LayerEntry): boolean {
  return entry.path.length === 1 && entry.path[0] === FILE_MAC_KEY;
}
