import { describe, expect, test, vi } from 'vitest';
import { liveToken } from '../src/index.js';
import { DatabaseConfig, GreetingConfig } from './support/sections.js';

describe('liveToken', () => {
  test('one symbol per class, the same on every call, named after the class for Nest messages', () => {
    expect(liveToken(DatabaseConfig)).toBe(liveToken(DatabaseConfig));
    expect(liveToken(DatabaseConfig)).not.toBe(liveToken(GreetingConfig));
    expect(liveToken(DatabaseConfig).description).toBe('Live<DatabaseConfig>');
  });

  test('two classes with the same name get different tokens', () => {
    const make = () => class DatabaseConfig {};
    expect(liveToken(make())).not.toBe(liveToken(make()));
  });

  test('a second copy of the package (a fresh module instance) hands out the same token', async () => {
    vi.resetModules();
    // The query makes the module loader evaluate the file again, as a second installed copy would be.
    const specifier: string = '../src/live-token.js?copy';
    const copy = (await import(specifier)) as typeof import('../src/live-token.js');
    expect(copy.liveToken).not.toBe(liveToken);
    expect(copy.liveToken(DatabaseConfig)).toBe(liveToken(DatabaseConfig));
  });
});
