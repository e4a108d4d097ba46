import { generateKey, parseKeyring } from '@strata/core/secrets';
import { LayerBuilder } from '@strata/core/source';
import { describe, expect, test } from 'vitest';
import { fleetKeyById, primaryFleetKey } from '../src/wire/fleet-keys.js';
import { openLayer, sealLayer } from '../src/wire/seal-layer.js';

const origin = { source: 'vault:secret/app', locator: 'secret/app#password', version: 3, secret: true };
const layer = new LayerBuilder({ source: 'vault:secret/app' })
  .set(['app', 'password'], 'hunter2', origin)
  .set(['app', 'hosts'], ['a', 'b'], origin)
  .build();
const versions = ['secret/app#password@3'];

describe('a sealed layer opened by several instances of one process', () => {
  test('each instance, with its own keyring object for the same key, gets a layer of its own', () => {
    const line = generateKey('fleet-1').line;
    const [one, two] = [parseKeyring(line), parseKeyring(line)];
    const sealed = sealLayer(primaryFleetKey(one), layer, versions);
    const first = openLayer(primaryFleetKey(one), sealed, 'vault:secret/app', versions);
    const second = openLayer(primaryFleetKey(two), sealed, 'vault:secret/app', versions);
    expect(primaryFleetKey(two)).toBe(primaryFleetKey(one));
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    expect(second.entries[1]?.value).not.toBe(first.entries[1]?.value);
    expect(second.entries[0]?.path).not.toBe(first.entries[0]?.path);
    // One instance changing what it got (it must not, but a plugin might) does not reach the other.
    const hosts = first.entries[1]?.value;
    if (Array.isArray(hosts)) hosts.push('c');
    expect(openLayer(primaryFleetKey(two), sealed, 'vault:secret/app', versions).entries[1]?.value).toEqual([
      'a',
      'b',
    ]);
  });

  test('an opened layer is still bound to its source, versions and key', () => {
    const keyring = parseKeyring(generateKey('fleet-1').line);
    const other = parseKeyring(generateKey('fleet-1').line);
    const key = primaryFleetKey(keyring);
    const sealed = sealLayer(key, layer, versions);
    expect(openLayer(key, sealed, 'vault:secret/app', versions).entries).toHaveLength(2);
    expect(() => openLayer(key, sealed, 'vault:secret/other', versions)).toThrow();
    expect(() => openLayer(key, sealed, 'vault:secret/app', ['secret/app#password@4'])).toThrow();
    // Same id, other key material: a different fleet key, which does not open it.
    expect(fleetKeyById(other, 'fleet-1')).not.toBe(key);
    expect(() => openLayer(primaryFleetKey(other), sealed, 'vault:secret/app', versions)).toThrow();
  });
});
