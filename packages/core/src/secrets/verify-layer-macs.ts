import { StrataError } from '../errors/strata-error.js';
import { LayerBuilder } from '../layer/layer-builder.js';
import type { Layer, LayerEntry, LeafValue } from '../models/layer.js';
import type { Origin } from '../models/origin.js';
import { type FileMacEntry, verifyFileMac } from './file-mac.js';
import type { Keyring } from './keyring.js';

/** The top-level key a file uses to carry the MAC over its encrypted values. */
export const FILE_MAC_KEY = 'strata-mac';

/**
 * Check the `strata-mac` entry of every file in a layer against that file's encrypted values, and take the
 * entry out of the layer (it is not a setting). A value added, removed, swapped between settings or
 * re-encrypted under another key since the MAC was written fails the whole load (or reload) with a
 * `DECRYPTION_FAILED` error naming the file. Files without the entry are not checked.
 */
export function verifyLayerMacs(layer: Layer, keyring: Keyring | undefined): Layer {
  if (!layer.entries.some(isMacEntry)) return layer;
  const files = new Map<string, LayerEntry[]>();
  for (const entry of layer.entries) {
    const file = fileOf(entry.origin);
    const group = files.get(file);
    if (group) group.push(entry);
    else files.set(file, [entry]);
  }
  for (const [file, group] of files) {
    const macEntry = group.find(isMacEntry);
    if (!macEntry) continue;
    if (typeof macEntry.value !== 'string') {
      throw new StrataError('DECRYPTION_FAILED', `${file}: "${FILE_MAC_KEY}" must be a mac:v1: string`);
    }
    if (!keyring) {
      throw new StrataError(
        'DECRYPTION_FAILED',
        `${file} has a "${FILE_MAC_KEY}" but no keyring is configured (set STRATA_KEYS or STRATA_KEY_FILE)`,
      );
    }
    verifyFileMac({ entries: envelopesOf(group), mac: macEntry.value, keyring, where: file });
  }
  const builder = new LayerBuilder({ source: layer.source, textual: layer.textual });
  for (const entry of layer.entries)
    if (!isMacEntry(entry)) builder.set(entry.path, entry.value, entry.origin);
  for (const warning of layer.warnings) builder.warn(warning);
  return builder.build();
}

/** The encrypted values of one file's entries, with the paths they are sealed to (list items: `path.i`). */
function envelopesOf(entries: readonly LayerEntry[]): FileMacEntry[] {
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

function fileOf(origin: Origin): string {
  return origin.locator.replace(/:\d+(:\d+)?$/, '');
}
