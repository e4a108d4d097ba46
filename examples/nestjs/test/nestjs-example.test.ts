import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv as cleanShellEnv } from '@strata-internal/test-support';

// The BUILT example, run as a user would (`node dist/main.js`, `node dist/demo.js`). The root `test` script
// builds before vitest; alone: `npx tsc -b examples/nestjs`.
const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const mainJs = path.join(exampleDir, 'dist', 'main.js');
const demoJs = path.join(exampleDir, 'dist', 'demo.js');
const buildHint = 'build the example first: npx tsc -b examples/nestjs';

/** The environment of a clean shell, without a PORT of the machine running the tests either. */
const cleanEnv = (extra: Record<string, string> = {}) => cleanShellEnv(extra, ['PORT']);

/** Run a script to its end. */
function run(
  file: string,
  env: NodeJS.ProcessEnv,
  args: readonly string[] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [file, ...args],
      { cwd: exampleDir, env, timeout: 30_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

/** Poll `probe` until it returns something other than undefined; fail with `what` after `timeoutMs`. */
async function pollUntil<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = probe();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(() => {
  for (const file of [mainJs, demoJs]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: ${buildHint}`);
  }
});

describe('examples/nestjs demo', () => {
  it('serves, follows an edit without a restart, refuses an invalid one, closes, and fails a bad bootstrap', async () => {
    const { code, stdout, stderr } = await run(demoJs, cleanEnv());
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^2\. Nest application listening on http:\/\/127\.0\.0\.1:\d+$/m);
    expect(stdout).toContain('GET /greet/ada → 200 {"message":"hello, ada!","generation":1}');
    expect(stdout).toContain('GET /settings  → 200 {"text":"hello","punctuation":"!"}');
    expect(stdout).toContain(
      'GET /greet/ada → 200 {"message":"bonjour, ada!","generation":2}  (same process, no restart)',
    );
    expect(stdout).toContain('GET /settings  → 200 {"text":"bonjour","punctuation":"!"}');
    expect(stdout).toMatch(
      /rejected: greeting\.punctuation: .* — got ";" from file config\/default\.yaml:6:\d+$/m,
    );
    expect(stdout).toContain(
      'GET /greet/ada → 200 {"message":"bonjour, ada!","generation":2}  (the last good configuration is kept)',
    );
    expect(stdout).toContain('5. app.close(): the configuration is closed too (closed: true)');
    expect(stdout).toMatch(/^ {5}greeting\.text: .* — got "" from env APP_GREETING__TEXT$/m);
    expect(stdout).toMatch(/^7\. Done$/m);
  });
});

describe('examples/nestjs main (built, as a child process)', () => {
  let workDir: string;
  let child: ChildProcess | undefined;
  let stdout = '';
  let stderr = '';

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'strata-nestjs-example-test-'));
    await cp(path.join(exampleDir, 'config'), path.join(workDir, 'config'), { recursive: true });
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('answers over HTTP and exits 0 on SIGTERM, the configuration closed with the application', async () => {
    const started = spawn(process.execPath, [mainJs], {
      cwd: workDir,
      env: cleanEnv({ PORT: '0', NESTJS_EXAMPLE_CWD: workDir }),
      stdio: 'pipe',
    });
    child = started;
    started.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    started.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      started.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const match = await pollUntil(
      `"listening on" in stdout:\n${stdout}\n${stderr}`,
      () => /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout) ?? undefined,
    );
    const response = await fetch(`${match[1]}/greet/grace`, { headers: { connection: 'close' } });
    expect(await response.json()).toEqual({ message: 'hello, grace!', generation: 1 });

    started.kill('SIGTERM');
    // Exiting on its own (code 0, not killed) proves nothing was left holding the event loop.
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(stdout).toMatch(/^SIGTERM received, shutting down\nclosed\n$/m);
    expect(stderr).toBe('');
  });

  it("fails to start with Strata's message naming the key and its origin, exit code 1", async () => {
    const { code, stdout, stderr } = await run(
      mainJs,
      cleanEnv({ PORT: '0', NESTJS_EXAMPLE_CWD: workDir, APP_GREETING__TEXT: '' }),
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'Configuration for environment "development" is invalid (1 problem):\n' +
        '  greeting.text: must be longer than or equal to 1 characters — got "" from env APP_GREETING__TEXT\n',
    );
  });
});

describe('examples/nestjs from CommonJS', () => {
  it('a CommonJS Nest application requires the ESM packages (require(esm)) and gets sections, Live and Config', async () => {
    const script = path.join(exampleDir, 'test', 'fixtures', 'commonjs-app.cjs');
    const { code, stdout, stderr } = await run(script, cleanEnv(), [exampleDir]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe('{"injected":"hello","live":"hello","generation":1}\nclosed: true\n');
  });
});
