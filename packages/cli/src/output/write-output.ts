import { mkdir } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { CliError } from '../cli/cli-error.js';
import type { CliIO } from '../cli/cli-io.js';
import { atomicWrite } from './atomic-write.js';

/**
 * Print `text` to standard output, or with `--out` write it (atomically) to that file, resolved against
 * `cwd`, and say so on standard error.
 */
export async function writeOutput(
  io: CliIO,
  text: string,
  options: { out: string | undefined; cwd: string },
): Promise<void> {
  if (options.out === undefined) {
    io.stdout(text);
    return;
  }
  const file = resolve(options.cwd, options.out);
  try {
    await mkdir(dirname(file), { recursive: true });
    await atomicWrite(file, text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw CliError.problems(`cannot write ${options.out}: ${reason}`, { cause: error });
  }
  io.stderr(`wrote ${relative(io.cwd, file) || file}\n`);
}
