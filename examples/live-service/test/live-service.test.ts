import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The BUILT service, run as a user would (`node dist/main.js`), against a temporary copy of config/. The root
// `test` script builds before vitest; alone: `npx tsc -b examples/live-service`.
const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const mainJs = path.join(exampleDir, 'dist', 'main.js');
const demoJs = path.join(exampleDir, 'dist', 'demo.js');
const buildHint = 'build the example first: npx tsc -b examples/live-service';

interface Answer {
  readonly status: number;
  readonly body: { greeting?: string; requestsPerMinute?: number; generation?: number; error?: string };
  readonly retryAfter: string | null;
}

/** Poll `probe` until it returns something other than undefined; fail with `what` after `timeoutMs`. */
async function pollUntil<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await probe();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function childEnv(workDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    LIVE_SERVICE_CWD: workDir,
    STRATA_ENV: 'development',
  };
  delete env.NODE_ENV;
  return env;
}

describe('examples/live-service (built, as a child process)', () => {
  let workDir: string;
  let configFile: string;
  let child: ChildProcess;
  let stdout = '';
  let stderr = '';
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  let url: string;
  let pid: number | undefined;

  const get = async (): Promise<Answer> => {
    const response = await fetch(url);
    return {
      status: response.status,
      body: (await response.json()) as Answer['body'],
      retryAfter: response.headers.get('retry-after'),
    };
  };
  const waitForOutput = (pattern: RegExp) =>
    pollUntil(
      `stdout to match ${pattern}\n--- stdout so far:\n${stdout}`,
      () => pattern.exec(stdout) ?? undefined,
    );
  const editConfig = async (pattern: RegExp, replacement: string) => {
    const text = await readFile(configFile, 'utf8');
    expect(text).toMatch(pattern);
    await writeFile(configFile, text.replace(pattern, replacement)); // in place: same file, truncated and written
  };

  beforeAll(async () => {
    if (!existsSync(mainJs) || !existsSync(demoJs)) throw new Error(`${mainJs} is missing: ${buildHint}`);
    workDir = await mkdtemp(path.join(tmpdir(), 'strata-live-service-test-'));
    await cp(path.join(exampleDir, 'config'), path.join(workDir, 'config'), { recursive: true });
    configFile = path.join(workDir, 'config', 'default.yaml');

    child = spawn(process.execPath, [mainJs], { cwd: workDir, env: childEnv(workDir), stdio: 'pipe' });
    pid = child.pid;
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const early = exited.then(({ code }) => {
      throw new Error(`the service exited (${code}) before listening:\n${stdout}\n${stderr}`);
    });
    const listening = waitForOutput(/^listening on (http:\/\/127\.0\.0\.1:(\d+))$/m);
    const match = await Promise.race([listening, early]);
    url = match[1]!;
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('serves the values of config/default.yaml', async () => {
    expect(await get()).toEqual({
      status: 200,
      body: { greeting: 'hello from Strata', requestsPerMinute: 120, generation: 1 },
      retryAfter: null,
    });
    expect(stdout).toContain('configuration: environment "development", generation 1');
  });

  it('answers with an edited greeting on the next request, without a restart', async () => {
    await editConfig(/text: hello from Strata/, 'text: bonjour');
    const answer = await pollUntil('the new greeting', async () => {
      const next = await get();
      return next.body.greeting === 'bonjour' ? next : undefined;
    });
    expect(answer.status).toBe(200);
    expect(answer.body.requestsPerMinute).toBe(120);
    expect(answer.body.generation).toBeGreaterThan(1);
    expect(child.pid).toBe(pid);
    expect(child.exitCode).toBeNull();
    await waitForOutput(
      /^config changed: generation \d+ \(was \d+\): greeting\.text: "hello from Strata" → "bonjour" \(file config\/default\.yaml:5:9\)$/m,
    );
  });

  it('keeps the last good value when an edit is invalid, and reports the rejection', async () => {
    const before = await get();
    await editConfig(/requestsPerMinute: 120/, 'requestsPerMinute: 0');
    await waitForOutput(
      /^config rejected: limits\.requestsPerMinute: .* — got 0 from file config\/default\.yaml:7:\d+; keeping generation \d+$/m,
    );
    expect(await get()).toEqual({
      status: 200,
      body: { greeting: 'bonjour', requestsPerMinute: 120, generation: before.body.generation },
      retryAfter: null,
    });
  });

  it('applies the fixed value', async () => {
    await editConfig(/requestsPerMinute: 0/, 'requestsPerMinute: 600');
    const answer = await pollUntil('requestsPerMinute 600', async () => {
      const next = await get();
      return next.body.requestsPerMinute === 600 ? next : undefined;
    });
    expect(answer.body.greeting).toBe('bonjour');
    await waitForOutput(
      /^config changed: .*limits\.requestsPerMinute: 120 → 600 \(file config\/default\.yaml:7:\d+\)$/m,
    );
  });

  it('enforces the live rate limit: lowering it refuses requests at once, raising it lets them through', async () => {
    await editConfig(/requestsPerMinute: 600/, 'requestsPerMinute: 1');
    // Every earlier request of this test counts in the current minute, so a limit of 1 is already exceeded.
    const refused = await pollUntil('a 429 under the new limit', async () => {
      const next = await get();
      return next.status === 429 ? next : undefined;
    });
    expect(refused.body).toMatchObject({ error: 'rate limit exceeded', requestsPerMinute: 1 });
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);

    await editConfig(/requestsPerMinute: 1\b/, 'requestsPerMinute: 1000');
    const allowed = await pollUntil('a 200 under the raised limit', async () => {
      const next = await get();
      return next.status === 200 ? next : undefined;
    });
    expect(allowed.body).toMatchObject({ greeting: 'bonjour', requestsPerMinute: 1000 });
  });

  it('does not move the listening port: a server.port edit asks for a restart', async () => {
    await editConfig(/port: 8080/, 'port: 9090');
    await waitForOutput(/^config restartRequired: server\.port changed; .*restarted$/m);
    // Still the same process on the same port, still serving (and still following other edits).
    await editConfig(/text: bonjour/, 'text: hallo');
    const answer = await pollUntil('the greeting after the port edit', async () => {
      const next = await get();
      return next.body.greeting === 'hallo' ? next : undefined;
    });
    expect(answer.status).toBe(200);
    expect(child.pid).toBe(pid);
    expect(stdout.match(/^listening on /gm)).toHaveLength(1);
  });

  it('closes the server and the configuration on SIGTERM and exits 0', async () => {
    child.kill('SIGTERM');
    const result = await Promise.race([
      exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no exit within 10 s after SIGTERM:\n${stdout}`)), 10_000),
      ),
    ]);
    expect(result).toEqual({ code: 0, signal: null });
    expect(stdout).toMatch(/^SIGTERM received, shutting down\nclosed\n$/m);
    expect(stderr).toBe('');
  });
});

describe('examples/live-service demo', () => {
  it('runs the scripted edit / reject / fix sequence and exits 0', async () => {
    if (!existsSync(demoJs)) throw new Error(`${demoJs} is missing: ${buildHint}`);
    const env: NodeJS.ProcessEnv = { ...process.env, STRATA_ENV: 'development' };
    delete env.NODE_ENV;
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (resolve) => {
        execFile(process.execPath, [demoJs], { cwd: exampleDir, env, timeout: 30_000 }, (error, out, err) => {
          resolve({
            code: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
            stdout: out,
            stderr: err,
          });
        });
      },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^2\. Service listening on http:\/\/127\.0\.0\.1:\d+$/m);
    expect(stdout).toContain(
      'GET / → 200 {"greeting":"hello from Strata","requestsPerMinute":120,"generation":1}',
    );
    expect(stdout).toContain(
      '[service] config changed: generation 2 (was 1): greeting.text: "hello from Strata" → "bonjour from Strata" (file config/default.yaml:5:9)',
    );
    expect(stdout).toContain(
      'GET / → 200 {"greeting":"bonjour from Strata","requestsPerMinute":120,"generation":2}  (same process, no restart)',
    );
    expect(stdout).toMatch(
      /\[service\] config rejected: limits\.requestsPerMinute: .* — got 0 from file config\/default\.yaml:7:\d+; keeping generation 2/,
    );
    expect(stdout).toContain(
      'GET / → 200 {"greeting":"bonjour from Strata","requestsPerMinute":120,"generation":2}  (the last good configuration is still served)',
    );
    expect(stdout).toContain(
      'GET / → 200 {"greeting":"bonjour from Strata","requestsPerMinute":240,"generation":3}',
    );
    expect(stdout).toContain('6. Closed the service and the configuration; done');
  });
});
