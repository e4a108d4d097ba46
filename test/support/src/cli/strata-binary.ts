import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** packages/cli: the binary and its fixtures live there (this file is in test/support/src/cli). */
export const packageDir = resolve(here, '../../../../packages/cli');
/** The built binary the tests run: the bundle the package's `bin` points at, as users run it. */
export const binPath = join(packageDir, 'dist/bundle/bin.js');
/** The fixture projects. */
export const fixturesDir = join(packageDir, 'test/fixtures');

/** Fails with a clear message when the CLI has not been built (the tests run the built binary). */
export function assertBuilt(): void {
  if (!existsSync(binPath)) {
    throw new Error(`${binPath} does not exist: run the build first (npx -y pnpm@10.34.9 run build)`);
  }
}

/** The outcome of one `strata` run. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link strata}. */
export interface RunOptions {
  /** The process's working directory. @default the `basic` fixture */
  readonly cwd?: string;
  /** The only environment variables the process sees (plus PATH). */
  readonly env?: Readonly<Record<string, string>>;
}

/** The environment a run sees: nothing from the test process but PATH, so results do not depend on it. */
export function runEnv(env: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', ...env };
}

// Several runs at once use the machine's cores while a test file waits; more would only queue on the CPU.
const maxRunning = 3;
let running = 0;
const queued: (() => void)[] = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= maxRunning) await new Promise<void>((resolve) => queued.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    queued.shift()?.();
  }
}

/**
 * Run `node dist/bundle/bin.js …args` and collect its exit code and output. Start several and await them together
 * (or start them in `beforeAll`) to run them side by side.
 */
export function strata(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return slot(() => execStrata(args, options));
}

/**
 * Start one run per entry now (side by side, a few at a time) and return the pending results by key, for a
 * test file whose tests each check one run.
 */
export function startRuns<K extends string>(
  runs: Record<K, readonly [readonly string[], RunOptions?]>,
): Record<K, Promise<RunResult>> {
  const started = {} as Record<K, Promise<RunResult>>;
  for (const key of Object.keys(runs) as K[]) {
    const [args, options] = runs[key];
    started[key] = strata(args, options);
  }
  return started;
}

function execStrata(args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [binPath, ...args],
      { cwd: options.cwd ?? fixture('basic'), env: runEnv(options.env), timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** Start `strata …args` as a long-running process (for `watch`). */
export function spawnStrata(
  args: readonly string[],
  options: RunOptions = {},
): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [binPath, ...args], {
    cwd: options.cwd ?? fixture('basic'),
    env: runEnv(options.env),
  });
}

/** The path of a fixture project. */
export function fixture(name: string): string {
  return join(fixturesDir, name);
}

/** A fixture copied to a temporary directory, for commands that write files. */
export interface FixtureCopy {
  /** The copied project. */
  readonly dir: string;
  /** Remove the copy. */
  remove(): Promise<void>;
}

/**
 * Copy a fixture (and the shared modules it imports) into a fresh temporary directory, with a node_modules
 * link to this package's dependencies so its `@strata/*` and class-validator imports resolve.
 */
export async function copyFixture(name: string | undefined): Promise<FixtureCopy> {
  const root = await mkdtemp(join(tmpdir(), 'strata-cli-'));
  await cp(join(fixturesDir, 'shared'), join(root, 'shared'), { recursive: true });
  await symlink(join(packageDir, 'node_modules'), join(root, 'node_modules'), 'dir');
  const dir = join(root, name ?? 'project');
  if (name) await cp(fixture(name), dir, { recursive: true });
  return { dir, remove: () => rm(root, { recursive: true, force: true }) };
}

/**
 * `strata …args` with `input` written to its standard input, which is then closed (`secrets encrypt` reads
 * the value there). The command may exit (a usage error) before reading it: that is not an error here.
 */
export function strataWithInput(
  args: readonly string[],
  input: string,
  options: RunOptions = {},
): Promise<RunResult> {
  const child = spawnStrata(args, options);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdin.on('error', () => undefined);
  child.stdin.end(input);
  return new Promise((resolve) => {
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
