import { SSMClient } from '@aws-sdk/client-ssm';
import { StrataError } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { type SsmSourceOptions, ssmSource } from '../src/index.js';
import { describeChange } from '../src/parameters/describe-change.js';
import type { SsmParameter } from '../src/parameters/ssm-parameter.js';

function definitionError(options: SsmSourceOptions): string {
  try {
    ssmSource(options);
  } catch (error) {
    expect(StrataError.is(error, 'DEFINITION_INVALID')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected ssmSource to refuse the options');
}

describe('ssmSource options', () => {
  it('names the source after its path or names unless told', () => {
    expect(ssmSource({ path: '/app/{env}/' }).name).toBe('aws-ssm:/app/{env}/');
    expect(ssmSource({ names: ['/a', '/b'] }).name).toBe('aws-ssm:/a,/b');
    expect(ssmSource({ path: '/app/', name: 'ssm-main' }).name).toBe('ssm-main');
    expect(ssmSource({ path: '/app/' }).optional).toBe(false);
  });

  it('refuses mistakes when the source is declared, not at load', () => {
    expect(definitionError({})).toContain('give `path`');
    expect(definitionError({ path: 'app/prod' })).toContain('must start with "/"');
    expect(definitionError({ names: [] })).toContain('at least one parameter');
    expect(definitionError({ path: '/a/', maxPages: 0 })).toContain('maxPages must be a number ≥ 1');
    expect(definitionError({ path: '/a/', pollIntervalMs: -1 })).toContain('pollIntervalMs');
    expect(definitionError({ path: '/a/', backoff: { multiplier: 0.5 } })).toContain('backoff.multiplier');
    expect(definitionError({ path: '/a/', requestTimeoutMs: Number.NaN })).toContain('requestTimeoutMs');
    expect(definitionError({ path: '/a/', into: 'a..b' })).toContain('empty segment');
    const client = new SSMClient({ region: 'us-east-1' });
    expect(definitionError({ path: '/a/', client, clientOptions: {} })).toContain('not both');
    client.destroy();
  });
});

describe('change detection', () => {
  const p = (
    name: string,
    version: number,
    value = 'v',
    type: SsmParameter['type'] = 'String',
  ): SsmParameter => ({
    name,
    type,
    value,
    version,
    arn: undefined,
  });

  it('sees nothing when names, versions, values and types are the same', () => {
    expect(describeChange([p('/a', 1), p('/b', 2)], [p('/b', 2), p('/a', 1)])).toBeUndefined();
  });

  it('sees a value change even without a new version, and a type change', () => {
    expect(describeChange([p('/a', 1, 'x')], [p('/a', 1, 'y')])).toBe('/a v1');
    expect(describeChange([p('/a', 1)], [p('/a', 1, 'v', 'StringList')])).toBe('/a v1');
  });

  it('lists at most three changes', () => {
    const after = [p('/a', 2), p('/b', 2), p('/c', 2), p('/d', 2)];
    expect(describeChange([], after)).toBe('/a v2, /b v2, /c v2 and 1 more');
  });
});
