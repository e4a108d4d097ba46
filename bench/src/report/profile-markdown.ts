import { type ProfileSummary, aggregateProfile } from '../profile/aggregate-profile.js';
import { isFailure } from '../suites/failure.js';
import type { ImportCost } from '../suites/import-cost.js';
import type { Failure } from '../suites/failure.js';
import type { ProfileFiles } from '../suites/other-suites.js';
import type { BenchPlan } from '../suites/plan.js';
import { count, ms, table } from './format.js';

const TOP = 25;

/** bench/PROFILE.md: where Strata's time goes, from the run's CPU profiles. */
export function profileMarkdown(
  files: ProfileFiles,
  imports: readonly (ImportCost | (Failure & { label: string }))[],
  plan: BenchPlan,
  startedAt: Date,
): string {
  const parts = [
    '# Where Strata spends its time',
    '',
    `CPU profiles taken by the bench run of ${startedAt.toISOString()} (sampling every 100 µs), aggregated by \`src/profile/aggregate-profile.ts\`: self time per function (time in the function itself, not its callees), then per package or Strata file, then by coarse stage. The \`.cpuprofile\` files stay in \`bench/.fixtures/profiles/\` (open them in Chrome DevTools → Performance, or VS Code) until the next run.`,
  ];
  const warm = files.warm;
  parts.push(
    '',
    `## Warm in-process loads, ${count(plan.warmProfileSize)} keys (${plan.warmProfileLoads} loads)`,
    '',
  );
  parts.push(
    'The steady-state cost of `loadConfig` (what the in-process table measures): the process has already loaded twice, so module loading and JIT warm-up are out of the picture. Each load passes a fresh `sections` array and fresh sources, as a new process would; whatever core caches across loads (such as the schema read from the classes) is not paid again, so schema reading shows up in the cold-start profiles.',
  );
  parts.push(
    '',
    isFailure(warm) ? `Not available: ${warm.error}` : summaryTables(aggregateProfile(warm, TOP)),
  );
  parts.push(
    '',
    `## Warm reloads, ${count(plan.warmProfileSize)} keys (${plan.warmProfileLoads} × \`config.reload()\`)`,
    '',
  );
  parts.push(
    'One loaded configuration reloaded again and again with unchanged files (the schema is already read): what a file change costs a running service, minus the watcher.',
  );
  parts.push(
    '',
    isFailure(files.reload)
      ? `Not available: ${files.reload.error}`
      : summaryTables(aggregateProfile(files.reload, TOP)),
  );
  for (const [size, file] of Object.entries(files.cold)) {
    parts.push(
      '',
      `## Cold start, ${count(Number(size))} keys (\`node --cpu-prof dist/cold/strata.js ${size}\`)`,
      '',
    );
    parts.push(
      'One whole process: module loading and compiling, schema building, the first (unoptimised) load.',
    );
    parts.push(
      '',
      isFailure(file) ? `Not available: ${file.error}` : summaryTables(aggregateProfile(file, TOP)),
    );
  }
  parts.push('', importSection(imports));
  return `${parts.join('\n')}\n`;
}

function importSection(imports: readonly (ImportCost | (Failure & { label: string }))[]): string {
  const rows = imports.map((entry) =>
    isFailure(entry)
      ? [entry.label, '', 'failed', entry.error]
      : [
          entry.label,
          entry.group,
          ms(entry.importMs.median),
          `${ms(entry.importMs.min)}–${ms(entry.importMs.max)}`,
        ],
  );
  return `## Import cost (module loading at start-up)

Each row alone in a fresh process: \`node --input-type=module -e "await import(…)"\` from the depending package's directory, timed inside the process (median over the runs, min–max). Rows overlap: a dependency shared by two packages is counted in both. This is most of a 50-key cold start.

${table(['module', 'imported by', 'median ms', 'min–max'], rows)}`;
}

function summaryTables(summary: ProfileSummary): string {
  const percent = (value: number): string => `${value.toFixed(1)}%`;
  return [
    `Total sampled: ${ms(summary.totalMs)} ms.`,
    '',
    '### By stage',
    '',
    table(
      ['stage', 'self ms', 'share'],
      summary.stages.map((r) => [r.name, ms(r.ms), percent(r.percent)]),
    ),
    '',
    `### Top ${TOP} functions by self time`,
    '',
    table(
      ['function', 'where', 'self ms', 'share'],
      summary.functions.map((r) => [r.name, r.where, ms(r.ms), percent(r.percent)]),
    ),
    '',
    '### By package / Strata file',
    '',
    table(
      ['area', 'self ms', 'share'],
      summary.areas.map((r) => [r.name, ms(r.ms), percent(r.percent)]),
    ),
  ].join('\n');
}
