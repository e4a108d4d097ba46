import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { readdir, unlink } from 'node:fs/promises';
import { secretsManagerSource } from '@strata/aws-secrets';
import { ssmSource } from '@strata/aws-ssm';
import { Keyring, KeyringKey } from '@strata/core/secrets';
import { cachedSource } from '@strata/core/source';
import { argvSource, dotenvSource, envSource } from '@strata/env';
import { fileSource, mountedDirSource } from '@strata/file';
import { type ContractFixture, type ContractTree, describeSourceContract, testSource } from '@strata/testing';
import { vaultSource } from '@strata/vault';
import { describe, it } from 'vitest';
import { startSecretsManagerTestServer } from '@strata-internal/test-support/secrets-manager';
import { startSsmTestServer } from '@strata-internal/test-support/ssm';
import { startVaultTestServer } from '@strata-internal/test-support/vault';

// Every source in the repository against the source contract of @strata/testing, through its public
// factory only. Each fixture puts the contract's tree where its source reads it, in the source's own format.

/** `[['contract', 'port'], 7]` for every leaf of `tree`. */
function leaves(tree: ContractTree, prefix: readonly string[] = []): [string[], string | number][] {
  return Object.keys(tree).flatMap((key) => {
    const value = tree[key] as ContractTree[string];
    return typeof value === 'object' ? leaves(value, [...prefix, key]) : [[[...prefix, key], value]];
  });
}

/** A temp folder with a `write` that stores the tree in one file, in the form `format` gives. */
async function folderFixture(
  file: string,
  format: (tree: ContractTree) => string,
): Promise<ContractFixture & { dir: string; file: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'strata-contract-'));
  return {
    dir,
    file: path.join(dir, file),
    write: (tree) => writeFile(path.join(dir, file), format(tree)),
    context: () => ({ cwd: dir }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

const runner = { describe, it };

describeSourceContract(
  'file (JSON)',
  (f) => fileSource({ file: f.file, pollIntervalMs: 60_000 }),
  {
    setup: () => folderFixture('config.json', (tree) => JSON.stringify(tree)),
    local: true,
  },
  runner,
);

describeSourceContract(
  'file (profile folder, YAML)',
  (f) => fileSource({ dir: f.dir, pollIntervalMs: 60_000 }),
  {
    // YAML's `"__proto__":` is an own key, like JSON's.
    setup: () => folderFixture('default.yaml', (tree) => JSON.stringify(tree)),
    local: true,
  },
  runner,
);

describeSourceContract(
  'dotenv',
  (f) => dotenvSource({ dir: f.dir, files: ['.env'], export: false, prefix: 'APP_' }),
  {
    setup: () =>
      folderFixture('.env', (tree) =>
        leaves(tree)
          .map(([segments, value]) => `APP_${segments.join('__').toUpperCase()}=${value}\n`)
          .join(''),
      ),
    local: true,
  },
  runner,
);

describeSourceContract(
  'env',
  () => envSource({ prefix: 'APP_' }),
  {
    setup: () => {
      let env: Record<string, string> = {};
      return {
        write: (tree) => {
          env = Object.fromEntries(
            leaves(tree).map(([s, v]) => [`APP_${s.join('__').toUpperCase()}`, String(v)]),
          );
        },
        context: () => ({ env }),
      };
    },
    local: true,
  },
  runner,
);

describeSourceContract(
  'argv',
  () => argvSource(),
  {
    setup: () => {
      let argv: string[] = [];
      return {
        write: (tree) => {
          argv = leaves(tree).map(([s, v]) => `--${s.join('.')}=${v}`);
        },
        context: () => ({ argv }),
      };
    },
    local: true,
  },
  runner,
);

describeSourceContract(
  'testSource',
  (f) => f.source,
  {
    // The kit's own source holds its values itself: the fixture reaches it through the factory's result.
    setup: () => {
      const source = testSource({ name: 'contract' });
      return { source, write: (tree: ContractTree) => void source.replace(tree) };
    },
    local: true,
  },
  runner,
);

const TOKEN = 'hvs.contract-token';
describeSourceContract(
  'vault',
  () =>
    vaultSource({
      secrets: [{ path: 'secret/app/contract', into: 'contract' }],
      pollIntervalMs: 25,
      requestTimeoutMs: 2000,
      retry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 20 },
    }),
  {
    setup: async () => {
      const server = await startVaultTestServer({ secrets: {}, tokens: [TOKEN] });
      return {
        write: (tree) => {
          server.writeSecret('secret/app/contract', (tree.contract ?? {}) as Record<string, unknown>);
        },
        context: () => ({ env: { VAULT_ADDR: server.url, VAULT_TOKEN: TOKEN } }),
        cleanup: () => server.stop(),
      };
    },
  },
  runner,
);

describeSourceContract(
  'aws-ssm',
  (f) =>
    ssmSource({
      path: '/app/contract/',
      clientOptions: { ...f.clientOptions, maxAttempts: 1 },
      pollIntervalMs: 25,
      requestTimeoutMs: 2000,
    }),
  {
    setup: async () => {
      const server = await startSsmTestServer({ parameters: {} });
      let names: string[] = [];
      return {
        clientOptions: server.clientOptions,
        write: (tree: ContractTree) => {
          for (const name of names) server.delete(name);
          names = leaves(tree).map(([s, v]) => {
            const name = `/app/contract/${s.join('/')}`;
            server.put(name, String(v));
            return name;
          });
        },
        cleanup: () => server.stop(),
      };
    },
  },
  runner,
);

describeSourceContract(
  'aws-secrets',
  (f) =>
    secretsManagerSource({
      secrets: ['app/contract'],
      clientOptions: { ...f.clientOptions, maxAttempts: 1 },
      pollIntervalMs: 25,
      requestTimeoutMs: 2000,
    }),
  {
    setup: async () => {
      const server = await startSecretsManagerTestServer();
      return {
        clientOptions: server.clientOptions,
        write: (tree: ContractTree) => {
          // A new version moves AWSCURRENT, as a rotation does.
          if (server.get('app/contract') === undefined) server.create('app/contract', JSON.stringify(tree));
          else server.rotate('app/contract', JSON.stringify(tree));
        },
        cleanup: () => server.stop(),
      };
    },
  },
  runner,
);

describeSourceContract(
  'mounted-dir',
  (f) => mountedDirSource({ dir: f.dir, pollIntervalMs: 25 }),
  {
    setup: async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'strata-contract-mounted-'));
      return {
        dir,
        write: async (tree: ContractTree) => {
          for (const name of await readdir(dir)) await unlink(path.join(dir, name));
          for (const [segments, value] of leaves(tree)) {
            await writeFile(path.join(dir, segments.join('__')), `${value}\n`);
          }
        },
        context: () => ({ cwd: dir }),
        cleanup: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
  runner,
);

describeSourceContract(
  'cached aws-ssm',
  (f) =>
    cachedSource(
      ssmSource({
        path: '/app/contract/',
        clientOptions: { ...f.clientOptions, maxAttempts: 1 },
        pollIntervalMs: 25,
        requestTimeoutMs: 2000,
      }),
      {
        dir: f.cacheDir,
        maxStaleMs: 60_000,
        keyring: new Keyring([new KeyringKey('contract', randomBytes(32))]),
      },
    ),
  {
    setup: async () => {
      const server = await startSsmTestServer({ parameters: {} });
      const cacheDir = await mkdtemp(path.join(tmpdir(), 'strata-contract-cache-'));
      let names: string[] = [];
      return {
        clientOptions: server.clientOptions,
        cacheDir,
        write: (tree: ContractTree) => {
          for (const name of names) server.delete(name);
          names = leaves(tree).map(([s, v]) => {
            const name = `/app/contract/${s.join('/')}`;
            server.put(name, String(v));
            return name;
          });
        },
        cleanup: async () => {
          await server.stop();
          await rm(cacheDir, { recursive: true, force: true });
        },
      };
    },
  },
  runner,
);
