import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR, runChild } from '../measure/child-process.js';
import { RESULT_PREFIX } from '../measure/protocol.js';
import { type Summary, summarize } from '../measure/stats.js';
import { type Failure, failureOf, progress } from './failure.js';

/** Time to import one module alone in a fresh process. */
export interface ImportCost {
  readonly label: string;
  /** Who depends on it: `@strata/core`, a peer, … */
  readonly group: string;
  /** `await import()` of the module, in the child. */
  readonly importMs: Summary;
}

const REPO = join(BENCH_DIR, '..');

interface Entry {
  readonly label: string;
  readonly group: string;
  readonly dir: string;
  readonly specifiers: readonly string[];
}

function dependenciesOf(pkg: string): string[] {
  const manifest = JSON.parse(readFileSync(join(REPO, 'packages', pkg, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
  return [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ].filter((name) => !name.startsWith('@strata/'));
}

function entries(): Entry[] {
  const list: Entry[] = [
    { label: '(nothing: node:fs)', group: 'baseline', dir: BENCH_DIR, specifiers: ['node:fs'] },
    {
      label: '@strata/core + @strata/core/rules + @strata/file + @strata/env',
      group: 'Strata',
      dir: BENCH_DIR,
      specifiers: ['reflect-metadata', '@strata/core', '@strata/core/rules', '@strata/file', '@strata/env'],
    },
    { label: '@strata/core', group: 'Strata', dir: BENCH_DIR, specifiers: ['@strata/core'] },
    {
      label: '@strata/core/rules',
      group: 'Strata',
      dir: BENCH_DIR,
      specifiers: ['@strata/core', '@strata/core/rules'],
    },
    { label: '@strata/file', group: 'Strata', dir: BENCH_DIR, specifiers: ['@strata/core', '@strata/file'] },
    { label: '@strata/env', group: 'Strata', dir: BENCH_DIR, specifiers: ['@strata/core', '@strata/env'] },
  ];
  for (const pkg of ['core', 'file', 'env']) {
    for (const name of dependenciesOf(pkg)) {
      list.push({
        label: name,
        group: `dependency of @strata/${pkg}`,
        dir: join(REPO, 'packages', pkg),
        specifiers: [name],
      });
    }
  }
  for (const name of ['convict', 'c12', 'nest-typed-config', '@nestjs/config', '@nestjs/core']) {
    list.push({ label: name, group: 'peer', dir: BENCH_DIR, specifiers: ['reflect-metadata', name] });
  }
  return list;
}

/**
 * Import cost of Strata's packages, each of their dependencies and the peers, each alone in a fresh process
 * (`node --input-type=module -e "await import(…)"`, run from the depending package's directory so the same
 * copy resolves). Shared dependencies are counted in every row that loads them.
 */
export async function runImportCost(
  repeats: number,
): Promise<(ImportCost | (Failure & { label: string }))[]> {
  const results: (ImportCost | (Failure & { label: string }))[] = [];
  for (const entry of entries()) {
    const imports = entry.specifiers.map((s) => `await import(${JSON.stringify(s)});`).join(' ');
    const code = `const t0 = performance.now(); ${imports} const t1 = performance.now(); process.stdout.write('\\n${RESULT_PREFIX}' + JSON.stringify({ importMs: t1 - t0 }) + '\\n');`;
    try {
      const times: number[] = [];
      for (let i = 0; i < repeats + 1; i++) {
        const run = await runChild<{ importMs: number }>({
          eval: code,
          cwd: entry.dir,
          env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' },
        });
        if (i > 0) times.push(run.result?.importMs ?? Number.NaN);
      }
      results.push({ label: entry.label, group: entry.group, importMs: summarize(times) });
    } catch (error) {
      results.push({ label: entry.label, ...failureOf(error) });
    }
  }
  progress('import cost: done');
  return results;
}
