import { describe, expect, it } from 'vitest';
import { StrataError, UnsafeKeyError } from '@strata/core';
import { LayerBuilder, layerFromTree } from '@strata/core/source';

const origin = { source: 'file', locator: 'config/default.yaml:3:5' };

describe('LayerBuilder', () => {
  it('refuses prototype-reaching segments and names the origin', () => {
    for (const bad of [
      '__proto__',
      'prototype',
      'constructor',
      'CONSTRUCTOR',
      '__PROTO__',
      '_proto',
      'Proto_Type',
    ]) {
      const builder = new LayerBuilder({ source: 'file' });
      expect(() => builder.set(['a', bad, 'x'], 1, origin)).toThrow(UnsafeKeyError);
      try {
        builder.set(['a', bad, 'x'], 1, origin);
      } catch (error) {
        expect(StrataError.is(error, 'UNSAFE_KEY')).toBe(true);
        expect((error as Error).message).toContain('file config/default.yaml:3:5');
      }
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('keeps a plain "proto" key, flattens objects, keeps arrays whole', () => {
    const layer = new LayerBuilder({ source: 'file' })
      .set(['grpc', 'proto'], 'http', origin)
      .set(['db'], { host: 'h', tags: ['a', 'b'] }, origin)
      .build();
    expect(layer.entries.map((e) => [e.path.join('.'), e.value])).toEqual([
      ['grpc.proto', 'http'],
      ['db.host', 'h'],
      ['db.tags', ['a', 'b']],
    ]);
  });

  it('refuses unsafe keys inside array items', () => {
    const payload = JSON.parse('[{"__proto__": {"polluted": true}}]');
    expect(() => new LayerBuilder({ source: 'x' }).set(['list'], payload, origin)).toThrow(UnsafeKeyError);
  });

  it('builds from a tree with per-leaf origins and a prefix', () => {
    const layer = layerFromTree({
      source: 'vault',
      textual: true,
      tree: { password: 's3cret', nested: { port: '5432' } },
      into: ['database'],
      originOf: (path) => ({ source: 'vault', locator: `secret/app#${path.slice(1).join('.')}`, version: 3 }),
    });
    expect(layer.textual).toBe(true);
    expect(layer.entries.map((e) => [e.path.join('.'), e.origin.locator])).toEqual([
      ['database.password', 'secret/app#password'],
      ['database.nested.port', 'secret/app#nested.port'],
    ]);
  });
});

describe('StrataError.is', () => {
  it('checks the subclass by its code, and any Strata error on the base', async () => {
    const { ConfigValidationError, SourceError, ParseError } = await import('@strata/core');
    const source = new SourceError('vault', 'sealed');
    expect(StrataError.is(source)).toBe(true);
    expect(SourceError.is(source)).toBe(true);
    expect(ConfigValidationError.is(source)).toBe(false);
    expect(ParseError.is(new ConfigValidationError('x', []))).toBe(false);
    expect(StrataError.is(new Error('plain'))).toBe(false);
    // A copy of the package that is not this one: same brand and code, different class.
    const foreign = Object.assign(new Error('copy'), {
      code: 'SOURCE_FAILED',
      [Symbol.for('@strata/core/StrataError')]: true,
    });
    expect(SourceError.is(foreign)).toBe(true);
  });
});
