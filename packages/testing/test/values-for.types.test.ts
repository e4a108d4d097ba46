import { describe, expect, it } from 'vitest';
import { valuesFor } from '../src/index.js';
import { DatabaseConfig } from './fixtures-sections.js';

// Compile-time checks: `tsc -p tsconfig.test.json` fails if an `@ts-expect-error` line compiles.
describe('valuesFor types', () => {
  it('accepts deep partial values and refuses typos and wrong types', () => {
    const ok = valuesFor(DatabaseConfig, { port: 1, pool: { max: 2 } });
    // @ts-expect-error a misspelt property
    valuesFor(DatabaseConfig, { prot: 1 });
    // @ts-expect-error a wrong type
    valuesFor(DatabaseConfig, { port: '1' });
    // @ts-expect-error a misspelt nested property
    valuesFor(DatabaseConfig, { pool: { maxx: 2 } });
    // @ts-expect-error a wrong nested type
    valuesFor(DatabaseConfig, { pool: { max: true } });
    expect(ok.values).toEqual({ port: 1, pool: { max: 2 } });
  });
});
