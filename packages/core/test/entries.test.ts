import { describe, expect, it } from 'vitest';
import * as application from '@strata/core';
import * as secrets from '@strata/core/secrets';
import * as source from '@strata/core/source';
import * as tooling from '@strata/core/tooling';

// Core's entries are split by audience (issue #14): an application author's autocomplete shows the
// application API, and the kits for source authors, secret tools and the CLI live on their own subpaths.
describe("core's entries by audience", () => {
  it('keeps the application entry to the application API', () => {
    for (const name of [
      'loadConfig',
      'Config',
      'Section',
      'Secret',
      'strataModule',
      'ConfigValidationError',
    ]) {
      expect(application, name).toHaveProperty(name);
    }
    for (const name of [
      'LayerBuilder',
      'startPolling',
      'excerptAt',
      'Keyring',
      'encryptValue',
      'readSchema',
    ]) {
      expect(application, name).not.toHaveProperty(name);
    }
  });

  it('gives source authors the layer, message and polling kit', () => {
    for (const name of [
      'LayerBuilder',
      'layerFromTree',
      'isUnsafeSegment',
      'excerptAt',
      'didYouMean',
      'startPolling',
    ]) {
      expect(source, name).toHaveProperty(name);
    }
    // The errors a source throws are the same classes as the application entry's, not copies.
    expect(source.SourceError).toBe(application.SourceError);
    expect(source.ParseError).toBe(application.ParseError);
  });

  it('keeps secrets primitives and tooling on entries of their own', () => {
    for (const name of ['Keyring', 'loadKeyring', 'encryptValue', 'decryptValue', 'computeFileMac']) {
      expect(secrets, name).toHaveProperty(name);
    }
    for (const name of ['readSchema', 'describeInputs', 'migrateTree', 'deepEqual']) {
      expect(tooling, name).toHaveProperty(name);
    }
  });

  it('no longer exports the internals nothing outside core used', () => {
    const everything = { ...application, ...source, ...secrets, ...tooling };
    for (const name of ['coerceValue', 'maskValue', 'KEY_LENGTH'])
      expect(everything, name).not.toHaveProperty(name);
  });
});
