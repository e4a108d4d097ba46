/**
 * The parser-bounds bench (issue #13): load time and peak memory (max RSS of a fresh process) for YAML, JSON
 * and TOML files of 1 MB, 10 MB, the byte limit (10 MiB) and 50 MB, plus the audit's 100,000-key YAML, through
 * `loadConfig` + `fileSource({ file })`. Run it for this checkout, and for another (the code before the
 * limits) built elsewhere:
 *
 *   cd bench && npx tsc -b && node dist/parser-bounds/run-bounds.js [--before <other checkout>] [--timeout 60] [--write]
 *
 * Prints a Markdown table; each sample is one child process (a timeout counts as "> N s"). `--write` puts it
 * in RESULTS.md under "Parser bounds (issue #13)", replacing that section (the full run keeps it).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBoundsFixtures } from './bounds-fixtures.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const benchDir = resolve(here, '../..');
const after = resolve(benchDir, '..');
const argument = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
};
const before = argument('--before');
const timeoutS = Number(argument('--timeout') ?? 60);

interface Sample {
  readonly ms: number;
  readonly maxRssMb: number;
  readonly outcome: string;
}

function sample(repo: string, file: string): Sample {
  const child = spawnSync(process.execPath, [join(here, 'bounds-child.js'), repo, file], {
    encoding: 'utf8',
    timeout: timeoutS * 1000,
    maxBuffer: 1024 * 1024,
  });
  if (child.error || child.status !== 0) {
    const timedOut =
      (child.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' || child.signal === 'SIGTERM';
    return {
      ms: Number.NaN,
      maxRssMb: Number.NaN,
      outcome: timedOut
        ? `> ${timeoutS} s (killed)`
        : `crashed: ${child.stderr.split('\n').find((l) => /Error/.test(l)) ?? child.status}`,
    };
  }
  return JSON.parse(child.stdout.trim().split('\n').pop() as string) as Sample;
}

const cell = (s: Sample): string =>
  Number.isNaN(s.ms)
    ? s.outcome
    : `${s.ms >= 1000 ? `${(s.ms / 1000).toFixed(1)} s` : `${s.ms.toFixed(0)} ms`}, ${s.maxRssMb.toFixed(0)} MB`;
const short = (s: Sample): string =>
  s.outcome === 'loaded' || Number.isNaN(s.ms)
    ? s.outcome === 'loaded'
      ? 'loaded'
      : '—'
    : s.outcome.replace(/: .*limits\.(\w+).*/, ': $1');

const fixtures = writeBoundsFixtures(join(benchDir, '.fixtures', 'parser-bounds'));
const rows: string[] = [];
for (const fixture of fixtures) {
  process.stderr.write(`${fixture.format} ${fixture.label} (${fixture.bytes} bytes)\n`);
  const now = sample(after, fixture.path);
  const then = before ? sample(resolve(before), fixture.path) : undefined;
  rows.push(
    `| ${fixture.format} | ${fixture.label} | ${fixture.bytes.toLocaleString('en')} | ${then ? `${cell(then)} | ${short(then)} | ` : ''}${cell(now)} | ${short(now)} |`,
  );
}
const header = before
  ? '| format | file | bytes | before: time, peak RSS | before: outcome | after: time, peak RSS | after: outcome |\n|---|---|---:|---:|---|---:|---|'
  : '| format | file | bytes | time, peak RSS | outcome |\n|---|---|---:|---:|---|';
const table = `${header}\n${rows.join('\n')}\n`;
process.stdout.write(table);
if (process.argv.includes('--write')) {
  const results = join(benchDir, 'RESULTS.md');
  const text = readFileSync(results, 'utf8');
  const at = text.indexOf('\n## Parser bounds (issue #13)');
  const section = [
    '',
    '## Parser bounds (issue #13)',
    '',
    `\`node dist/parser-bounds/run-bounds.js${before ? ' --before <checkout of 9d97432>' : ''}\` on ${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, Node ${process.versions.node}, load average ${loadavg()[0]?.toFixed(2)} at the end (other work was running: compare within a row).`,
    'One fresh process per cell: `loadConfig` + `fileSource({ file })` with a one-section schema (every key unknown, so warnings read',
    "the values' positions), wall time of the load and the process's peak RSS. Files are sections of ten ~100-character strings;",
    `a cell over ${timeoutS} s was killed.`,
    '',
    table,
  ].join('\n');
  writeFileSync(results, (at < 0 ? text : text.slice(0, at)).replace(/\n*$/, '\n') + section);
}
