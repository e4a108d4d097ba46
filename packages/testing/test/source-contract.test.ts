import 'reflect-metadata';
import type { ConfigSource, Layer, SourceSignals } from '@strata/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type ContractFixture, type ContractTree, sourceContract } from '../src/index.js';

// The contract must catch each broken rule. Each source here breaks one, on purpose, and the matching check
// (and only it) must fail.

interface MemoryFixture extends ContractFixture {
  tree: ContractTree;
  signals?: SourceSignals | undefined;
}

/** A source that serves the fixture's tree as it is, with the flaw `flaw` gives it. */
let timer: NodeJS.Timeout | undefined;
afterEach(() => clearInterval(timer));

function flawed(flaw: 'origin' | 'abort' | 'unsafe' | 'twice' | 'handle' | 'none') {
  return (fixture: MemoryFixture): ConfigSource => ({
    name: 'flawed',
    async load(context): Promise<Layer> {
      if (flaw !== 'abort' && context.signal.aborted) throw new Error('aborted');
      const entries: Layer['entries'][number][] = [];
      const walk = (node: ContractTree, path: string[]): void => {
        for (const key of Object.keys(node)) {
          const value = node[key] as ContractTree[string];
          if (typeof value === 'object') walk(value, [...path, key]);
          else if (
            flaw === 'unsafe' ||
            !['__proto__', 'constructor', 'prototype'].some((s) => path.includes(s))
          ) {
            const origin =
              flaw === 'origin'
                ? { source: 'flawed', locator: '' }
                : { source: 'flawed', locator: path.join('.') };
            entries.push({ path: [...path, key], value, origin });
          }
        }
      };
      walk(fixture.tree, []);
      return { source: 'flawed', entries, textual: false, warnings: [] };
    },
    watch(_context, signals) {
      fixture.signals = signals;
      if (flaw === 'handle') timer = setInterval(() => undefined, 60_000);
      return { dispose: () => (fixture.signals = undefined) };
    },
    async dispose() {
      if (flaw !== 'handle') clearInterval(timer);
    },
  });
}

const fixtures = {
  setup: (): MemoryFixture => {
    const fixture: MemoryFixture = {
      tree: {},
      write: (tree) => {
        fixture.tree = tree;
        fixture.signals?.changed({ source: 'flawed', detail: 'written' });
        // A flawed watcher reports the same change twice.
        if (flawedTwice) fixture.signals?.changed({ source: 'flawed', detail: 'written again' });
      },
    };
    return fixture;
  },
};
let flawedTwice = false;

async function failures(flaw: Parameters<typeof flawed>[0]): Promise<string[]> {
  flawedTwice = flaw === 'twice';
  const failed: string[] = [];
  for (const check of sourceContract(flawed(flaw), fixtures)) {
    await check.run().catch((error: Error) => failed.push(`${check.name}: ${error.message}`));
  }
  return failed;
}

describe('the source contract', () => {
  it('passes a source that keeps every rule', async () => {
    expect(await failures('none')).toEqual([]);
  });

  it.each([
    ['origin', /every leaf an origin.*has no origin/],
    ['abort', /aborted.*resolved; pass the signal/],
    ['unsafe', /"__proto__" key.*came through/],
    ['twice', /once per change.*1 change\(s\) gave 2 signals/],
    ['handle', /no handle open.*1 × Timeout/],
  ] as const)('catches a source that breaks the %s rule', async (flaw, message) => {
    const failed = await failures(flaw);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]).toMatch(message);
  });
});
