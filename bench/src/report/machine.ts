import { readFileSync, realpathSync } from 'node:fs';
import { cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { BENCH_DIR } from '../measure/child-process.js';

/** Where the numbers were taken. */
export interface MachineInfo {
  readonly os: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly freeMemoryGiB: number;
  readonly node: string;
  /** 1-minute load average when the bench started: other work on the machine skews every number. */
  readonly loadAverage: number;
}

/** The machine, as Node sees it. */
export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    os: `${platform()} ${release()}`,
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: totalmem() / 2 ** 30,
    freeMemoryGiB: freemem() / 2 ** 30,
    node: process.version,
    loadAverage: loadavg()[0] ?? 0,
  };
}

/** Packages whose versions the report lists. */
const REPORTED = [
  '@strata/core',
  '@strata/file',
  '@strata/env',
  'config',
  'convict',
  'c12',
  'nest-typed-config',
  '@nestjs/config',
  '@nestjs/core',
  'class-validator',
  'class-transformer',
  'yaml',
  'js-yaml',
  'mitata',
] as const;

/** `name → version`, read from each package.json under bench/node_modules. */
export function packageVersions(): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const name of REPORTED) versions[name] = versionOf(join(BENCH_DIR, 'node_modules', name));
  // nest-typed-config brings its own class-validator for validateSync (the decorators' metadata is global).
  try {
    const nested = join(
      dirname(realpathSync(join(BENCH_DIR, 'node_modules', 'nest-typed-config'))),
      'class-validator',
    );
    versions['class-validator (nest-typed-config)'] = versionOf(nested);
  } catch {
    versions['class-validator (nest-typed-config)'] = 'not installed';
  }
  return versions;
}

function versionOf(dir: string): string {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}
