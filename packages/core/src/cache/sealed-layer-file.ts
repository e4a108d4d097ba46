import { nodeCrypto } from '../secrets/node-crypto.js';
import { SourceError } from '../errors/source-error.js';
import type { Layer } from '../models/layer.js';
import type { Keyring } from '../secrets/keyring.js';

/** The format tag of a cache file; part of the associated data, so a file of another format never opens. */
export const CACHE_FORMAT = 'strata-layer-cache/1';

/** What a cache file holds in the clear: no value, no key, nothing taken from the layer but its source's name. */
interface CacheHeader {
  readonly format: string;
  readonly source: string;
  readonly keyId: string;
  /** When the layer was loaded (ms since the epoch). */
  readonly writtenAt: number;
  readonly iv: string;
  readonly tag: string;
  readonly data: string;
}

/**
 * The associated data every cache file is sealed with: the format, the source's name and the write time.
 * A file copied from another source, or with its time edited to look younger, does not authenticate.
 */
function associatedData(source: string, writtenAt: number): Buffer {
  return Buffer.from(`${CACHE_FORMAT}\0${source}\0${writtenAt}`, 'utf8');
}

/** The text of a cache file for `layer`, sealed with the keyring's primary key (AES-256-GCM). */
export function sealLayer(layer: Layer, keyring: Keyring, writtenAt: number): string {
  const key = keyring.primary;
  const iv = nodeCrypto().randomBytes(12);
  const cipher = nodeCrypto().createCipheriv('aes-256-gcm', key.keyObject, iv);
  cipher.setAAD(associatedData(layer.source, writtenAt));
  const plain = JSON.stringify({ entries: layer.entries, textual: layer.textual, warnings: layer.warnings });
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const header: CacheHeader = {
    format: CACHE_FORMAT,
    source: layer.source,
    keyId: key.id,
    writtenAt,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
  return `${JSON.stringify(header)}\n`;
}

/**
 * The layer in a cache file, and when it was written. Refuses, with a {@link SourceError} naming the file,
 * a file of another format or source, one sealed with a key the keyring lacks, and one that does not
 * authenticate (edited, truncated, or sealed for another source).
 */
export function unsealLayer(
  text: string,
  options: { source: string; file: string; keyring: Keyring },
): { layer: Layer; writtenAt: number } {
  const refuse = (why: string): SourceError =>
    new SourceError(
      options.source,
      `the last-good cache ${options.file} was refused: ${why}. Delete it; the next good load writes a new one.`,
    );
  let header: Partial<CacheHeader>;
  try {
    header = JSON.parse(text) as Partial<CacheHeader>;
  } catch {
    throw refuse('it is not a Strata cache file (not JSON)');
  }
  if (header.format !== CACHE_FORMAT) throw refuse(`its format is not ${CACHE_FORMAT}`);
  if (header.source !== options.source) {
    throw refuse(`it belongs to another source ("${String(header.source)}")`);
  }
  const key = typeof header.keyId === 'string' ? options.keyring.get(header.keyId) : undefined;
  if (key === undefined)
    throw refuse(`it was sealed with key "${String(header.keyId)}", which the keyring does not hold`);
  if (
    typeof header.writtenAt !== 'number' ||
    typeof header.iv !== 'string' ||
    typeof header.tag !== 'string' ||
    typeof header.data !== 'string'
  ) {
    throw refuse('it is incomplete');
  }
  let plain: string;
  try {
    const decipher = nodeCrypto().createDecipheriv(
      'aes-256-gcm',
      key.keyObject,
      Buffer.from(header.iv, 'base64'),
    );
    decipher.setAAD(associatedData(options.source, header.writtenAt));
    decipher.setAuthTag(Buffer.from(header.tag, 'base64'));
    plain = Buffer.concat([decipher.update(Buffer.from(header.data, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw refuse(`it does not authenticate with key "${key.id}" (edited, or sealed for another source)`);
  }
  const body = JSON.parse(plain) as Pick<Layer, 'entries' | 'textual' | 'warnings'>;
  return { layer: { source: options.source, ...body }, writtenAt: header.writtenAt };
}
