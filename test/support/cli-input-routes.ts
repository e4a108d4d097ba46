import { rm } from 'node:fs/promises';
import path from 'node:path';
import { generateKey } from '@strata/core/secrets';
import {
  copyFixture,
  type FixtureCopy,
  type RunResult,
  strataWithInput,
  strata,
} from '@strata-internal/test-support/cli';
import type { FileFormat } from './input-routes.js';

/**
 * The `strata` commands that read a configuration file themselves (not through a source), for the input
 * suites (bounds, malformed, pollution): each runs the built binary on `config/default.<ext>` of a copy of
 * the `migrate` fixture (a definition with a file source and a `configVersion`). A new command that reads
 * files adds a row here.
 */
export interface CliInputRoute {
  readonly name: string;
  /** The formats the command reads. */
  readonly formats: readonly FileFormat[];
  /** Runs the command on `file` (relative to `dir`). */
  run(dir: string, file: string): Promise<RunResult>;
}

const keys = generateKey('k1').line;
const env = { STRATA_KEYS: keys };

export const cliRoutes: readonly CliInputRoute[] = [
  {
    name: 'strata secrets decrypt',
    formats: ['yaml', 'json', 'toml'],
    run: (dir, file) => strata(['secrets', 'decrypt', file], { cwd: dir, env }),
  },
  {
    name: 'strata secrets encrypt',
    formats: ['yaml', 'json'],
    run: (dir, file) =>
      strataWithInput(['secrets', 'encrypt', file, 'app.name', '--type', 'string'], 'v', { cwd: dir, env }),
  },
  {
    name: 'strata secrets rotate',
    formats: ['yaml', 'json'],
    run: (dir, file) => strata(['secrets', 'rotate', file, '--to', 'k1'], { cwd: dir, env }),
  },
  {
    name: 'strata secrets mac',
    formats: ['yaml', 'json'],
    run: (dir, file) => strata(['secrets', 'mac', file], { cwd: dir, env }),
  },
  {
    name: 'strata migrate',
    formats: ['yaml', 'json', 'toml'],
    run: (dir) => strata(['migrate'], { cwd: dir, env }),
  },
];

/** Each route with each format it reads, as `it.each` rows: `[name, format, route]`. */
export function cliRouteRows(
  formats: readonly FileFormat[] = ['yaml', 'json', 'toml'],
): (readonly [string, FileFormat, CliInputRoute])[] {
  return cliRoutes.flatMap((route) =>
    route.formats
      .filter((format) => formats.includes(format))
      .map((format) => [route.name, format, route] as const),
  );
}

/** A copy of the `migrate` fixture whose only profile file will be `config/default.<format>`. */
export async function cliProject(format: FileFormat): Promise<FixtureCopy & { file: string }> {
  const copy = await copyFixture('migrate');
  for (const name of ['default.yaml', 'development.yaml', 'production.json']) {
    await rm(path.join(copy.dir, 'config', name), { force: true });
  }
  return { ...copy, file: `config/default.${format}` };
}
