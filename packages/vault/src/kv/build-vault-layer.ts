import { type Layer, type LeafValue, type Origin } from '@strata/core';
import { isPlainObject, LayerBuilder } from '@strata/core/source';
import type { SecretRead } from './kv-reader.js';

/**
 * The layer of a set of reads, in order (a later secret wins at the same key). Values stay as Vault sent
 * them (`textual`: the engine converts strings to declared types); nested objects become subpaths, each leaf
 * with its own origin `secret/data/app#db.host@v7`. Every key passes through {@link LayerBuilder}, which
 * refuses `__proto__`, `prototype` and `constructor`.
 */
export function buildVaultLayer(source: string, reads: readonly SecretRead[], secret: boolean): Layer {
  const builder = new LayerBuilder({ source, textual: true });
  for (const read of reads) {
    for (const key of read.secret.keys ?? Object.keys(read.data)) {
      add(builder, [...read.secret.into, key], [key], read.data[key], read, secret);
    }
  }
  return builder.build();
}

function add(
  builder: LayerBuilder,
  path: readonly string[],
  keyPath: readonly string[],
  value: unknown,
  read: SecretRead,
  secret: boolean,
): void {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const key of Object.keys(value))
      add(builder, [...path, key], [...keyPath, key], value[key], read, secret);
    return;
  }
  const origin: Origin = {
    source: 'vault',
    locator: `${read.secret.locator}#${keyPath.join('.')}`,
    ...(read.version === undefined ? {} : { version: read.version }),
    ...(secret ? { secret: true } : {}),
  };
  builder.set(path, value as LeafValue, origin);
}
