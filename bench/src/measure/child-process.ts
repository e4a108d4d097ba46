import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RESULT_PREFIX } from './protocol.js';

/** bench/ — children run here so node-config and c12 resolve their optional parsers from bench's dependencies. */
export const BENCH_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** The outcome of one child process. */
export interface ChildRun<T> {
  /** Spawn to exit, as the parent saw it. */
  readonly wallMs: number;
  readonly result: T | undefined;
  readonly stderr: string;
}

/** Options of {@link runChild}. */
export interface RunChildOptions {
  /** A file under dist/, or `-e` code with `eval`. */
  readonly script?: string;
  /** ES module code run with `--input-type=module -e` instead of a script. */
  readonly eval?: string;
  /** @default bench/ */
  readonly cwd?: string;
  readonly args?: readonly string[];
  readonly env: Record<string, string>;
  readonly nodeOptions?: readonly string[];
  /** @default 300_000 */
  readonly timeoutMs?: number;
}

/** Run `node [nodeOptions] dist/<script> [args]`, time it and parse its result line. Rejects on failure. */
export function runChild<T>(options: RunChildOptions): Promise<ChildRun<T>> {
  const target =
    options.eval !== undefined
      ? ['--input-type=module', '-e', options.eval]
      : [fileURLToPath(new URL(`../${options.script}`, import.meta.url))];
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      [...(options.nodeOptions ?? []), ...target, ...(options.args ?? [])],
      {
        cwd: options.cwd ?? BENCH_DIR,
        env: options.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
    child.on('error', reject);
    let wallMs = 0;
    child.on('exit', () => {
      wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        const command = `${options.script ?? 'node -e'} ${(options.args ?? []).join(' ')}`;
        reject(new Error(`${command} exited with ${code ?? signal}\n${stderr.slice(-2000)}`));
        return;
      }
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      resolve({
        wallMs,
        result: line ? (JSON.parse(line.slice(RESULT_PREFIX.length)) as T) : undefined,
        stderr,
      });
    });
  });
}
