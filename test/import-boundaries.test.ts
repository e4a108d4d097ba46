// The package boundaries are enforced by lint (biome.json, `noRestrictedImports`): a deep import across
// packages (`@strata/x/src/…`, `@strata/x/dist/…`, or a relative path that climbs out of a package) is an
// error. This runs the real Biome with the repository's configuration on probe files laid out like the
// repository, so a change to biome.json that loosens a boundary fails here.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '@strata-internal/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const biome = join(root, 'node_modules/.bin/biome');

/** [where the importing file sits, what it imports, whether lint must refuse it]. */
const cases: readonly (readonly [string, string, boolean])[] = [
  // A package's source.
  ['packages/core/src/config/probe.ts', '@strata/file/src/index.js', true],
  ['packages/core/src/config/probe.ts', '@strata/file/dist/index.js', true],
  ['packages/core/src/config/probe.ts', '@strata/file/src', true],
  ['packages/core/src/config/probe.ts', '../../../file/src/index.js', true],
  ['packages/vault/src/probe.ts', '../../../test/support/src/servers/vault/index.js', true],
  ['packages/core/src/config/probe.ts', '../../../../packages/file/src/x.js', true],
  ['packages/core/src/config/probe.ts', '../pipeline/merge.js', false],
  ['packages/core/src/config/probe.ts', './config.js', false],
  ['packages/vault/src/probe.ts', '@strata/core', false],
  // A package's tests.
  ['packages/vault/test/probe.test.ts', '../../../../test/servers/vault/index.js', true],
  ['packages/vault/test/probe.test.ts', '../../../test/support/src/index.js', true],
  ['packages/vault/test/probe.test.ts', '../../core/src/index.js', true],
  ['packages/vault/test/probe.test.ts', '@strata/core/src/index.js', true],
  ['packages/vault/test/probe.test.ts', '../src/vault-source.js', false],
  ['packages/vault/test/support/probe.ts', '../../src/vault-source.js', false],
  ['packages/vault/test/probe.test.ts', './support/use-vault.js', false],
  ['packages/vault/test/probe.test.ts', '@strata-internal/test-support/vault', false],
  // Cross-package tests.
  ['test/probe.test.ts', '../packages/cli/test/support/x.js', true],
  ['test/probe.test.ts', '@strata/cli/dist/bundle/bin.js', true],
  ['test/probe.test.ts', '@strata-internal/test-support/src/index.js', true],
  ['test/probe.test.ts', '@strata-internal/test-support/cli', false],
  ['test/probe.test.ts', '@strata/core', false],
];

interface Diagnostic {
  readonly category: string;
  readonly location: { readonly path: string };
}

describe('import boundaries (biome noRestrictedImports)', () => {
  let project: Awaited<ReturnType<typeof tempDir>>;
  /** The probe files lint refused, relative to the probe project. */
  const refused = new Set<string>();
  const probes = cases.map(([at, specifier, _], i) => {
    const file = at.replace(/(\.test)?\.ts$/, `-${i}$1.ts`);
    return { file, text: `import * as m from '${specifier}';\nexport const probe = m;\n` };
  });

  beforeAll(async () => {
    project = await tempDir('strata-boundaries-');
    // The repository's configuration, minus what ties it to the repository (the schema path, git).
    const config = JSON.parse(await readFile(join(root, 'biome.json'), 'utf8')) as Record<string, unknown>;
    delete config.$schema;
    config.vcs = { enabled: false };
    await writeFile(join(project.dir, 'biome.json'), JSON.stringify(config));
    for (const { file, text } of probes) {
      await mkdir(dirname(join(project.dir, file)), { recursive: true });
      await writeFile(join(project.dir, file), text);
    }
    const report = await new Promise<string>((done, fail) => {
      execFile(
        biome,
        ['lint', '--reporter=json', '--max-diagnostics=none', '.'],
        { cwd: project.dir, timeout: 60_000 },
        (error, stdout) => (stdout ? done(stdout) : fail(error ?? new Error('biome printed nothing'))),
      );
    });
    const { diagnostics } = JSON.parse(report) as { diagnostics: Diagnostic[] };
    for (const d of diagnostics) {
      if (d.category === 'lint/style/noRestrictedImports') refused.add(d.location.path);
    }
  }, 60_000);

  afterAll(() => project?.cleanup());

  it('refuses at least one probe (the check is live)', () => {
    expect(refused.size).toBeGreaterThan(0);
  });

  it.each(cases.map(([at, specifier, refuse], i) => [at, specifier, refuse, i] as const))(
    '%s importing %s: refused %s',
    (_at, _specifier, refuse, i) => {
      expect(refused.has(probes[i]!.file)).toBe(refuse);
    },
  );
});
