import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { propertiesSource } from '@strata-examples/plugin-properties';
import { type ContractTree, describeSourceContract } from '@strata/testing';
import { describe, it } from 'vitest';

/** `a.b=1` lines for every leaf of the contract's tree. */
function properties(tree: ContractTree, prefix = ''): string {
  return Object.keys(tree)
    .map((key) => {
      const value = tree[key] as ContractTree[string];
      return typeof value === 'object' ? properties(value, `${prefix}${key}.`) : `${prefix}${key}=${value}\n`;
    })
    .join('');
}

describeSourceContract(
  'properties',
  () => propertiesSource({ file: 'app.properties' }),
  {
    setup: async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'strata-props-contract-'));
      return {
        write: (tree: ContractTree) => writeFile(path.join(dir, 'app.properties'), properties(tree)),
        context: () => ({ cwd: dir }),
        cleanup: () => rm(dir, { recursive: true, force: true }),
      };
    },
    // It reads a local file: an aborted load has nothing to cancel.
    local: true,
  },
  { describe, it },
);
