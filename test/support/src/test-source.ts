import type { ConfigSource, LeafValue } from '@strata/core';
import { layerFromTree } from '@strata/core/source';

type Tree = { [key: string]: LeafValue };

/** An in-test source whose values a test edits before calling `config.reload()`. */
export interface TestSource extends ConfigSource {
  /** Set a value at a dotted path (`database.pool.size`). */
  set(path: string, value: LeafValue): void;
  /** While set, `load()` fails as an unreachable backend would. */
  failing: boolean;
}

/**
 * Test scaffolding: a source serving a mutable tree, so tests drive real reload transactions. Several
 * configurations can share one `tree` to stand for one backend read by several processes.
 */
export function testSource(tree: Tree = {}, name = 'test'): TestSource {
  return {
    name,
    // Its content is what the test set: emptying it is a deliberate change, not a file turned to junk.
    suspiciousReloads: 'apply',
    failing: false,
    async load() {
      if (this.failing) throw new Error(`${name} backend unreachable`);
      return layerFromTree({
        source: name,
        tree: structuredClone(tree),
        originOf: (path) => ({ source: 'test', locator: `${name}:${path.join('.')}` }),
      });
    },
    set(path, value) {
      const segments = path.split('.');
      let node = tree;
      for (const segment of segments.slice(0, -1)) {
        const next = node[segment];
        if (next === null || typeof next !== 'object' || Array.isArray(next) || next instanceof Date) {
          node[segment] = {};
        }
        node = node[segment] as Tree;
      }
      node[segments[segments.length - 1]!] = value;
    },
  };
}
