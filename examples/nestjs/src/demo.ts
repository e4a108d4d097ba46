import 'reflect-metadata';
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Config, type ConfigEvents, StrataError } from '@strata/core';
import { exampleDir, type RunningApp, startApp } from './start-app.js';

/**
 * `pnpm run demo`: a scripted run. It copies config/ to a temporary directory, bootstraps the Nest application
 * there on a free port, edits the YAML the way an editor saves it, shows the answers change without a
 * restart, shows an invalid edit refused, closes the application, and shows a bootstrap failing on a bad value.
 */
const workDir = await mkdtemp(path.join(tmpdir(), 'strata-nestjs-example-'));
const file = path.join(workDir, 'config', 'default.yaml');
let running: RunningApp | undefined;

try {
  await cp(path.join(exampleDir, 'config'), path.join(workDir, 'config'), { recursive: true });
  console.log(`1. Copied config/ to ${workDir}`);

  running = await startApp({ cwd: workDir, port: 0, env: {} });
  const { config, url } = running;
  console.log(`2. Nest application listening on ${url}`);
  console.log(`   GET /greet/ada → ${await get(`${url}/greet/ada`)}`);
  console.log(`   GET /settings  → ${await get(`${url}/settings`)}`);

  console.log('3. Editor-style save: greeting.text → "bonjour"');
  await expectEvent(config, 'changed', () => edit(/text: .*/, 'text: bonjour'));
  console.log(`   GET /greet/ada → ${await get(`${url}/greet/ada`)}  (same process, no restart)`);
  console.log(`   GET /settings  → ${await get(`${url}/settings`)}`);

  console.log('4. Invalid save: greeting.punctuation → ";"');
  const rejected = await expectEvent(config, 'rejected', () => edit(/punctuation: .*/, "punctuation: ';'"));
  console.log(`   rejected: ${rejected.error.message.split('\n')[1]?.trim()}`);
  console.log(`   GET /greet/ada → ${await get(`${url}/greet/ada`)}  (the last good configuration is kept)`);

  await running.app.close();
  running = undefined;
  console.log(`5. app.close(): the configuration is closed too (closed: ${config.closed})`);

  console.log(
    '6. Bootstrap again with APP_GREETING__TEXT="" (breaks @MinLength(1)); the file still has ";":',
  );
  try {
    running = await startApp({ cwd: workDir, port: 0, env: { APP_GREETING__TEXT: '' } });
    console.log('   unexpectedly started');
  } catch (error) {
    if (!StrataError.is(error)) throw error;
    for (const line of error.message.split('\n')) console.log(`   ${line}`);
  }
} finally {
  await running?.app.close();
  await rm(workDir, { recursive: true, force: true });
}
console.log('7. Done');

async function get(url: string): Promise<string> {
  const response = await fetch(url);
  return `${response.status} ${await response.text()}`;
}

/** Save `default.yaml` with one line replaced, as editors do: write a temporary file, rename it over. */
async function edit(pattern: RegExp, replacement: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const temporary = path.join(path.dirname(file), '.default.yaml.tmp');
  await writeFile(temporary, text.replace(pattern, replacement));
  await rename(temporary, file);
}

/** Run `action` and wait (10 s at most) for the configuration's next `type` event. */
function expectEvent<K extends keyof ConfigEvents>(
  config: Config,
  type: K,
  action: () => Promise<void>,
): Promise<ConfigEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${type} event within 10 s`));
    }, 10_000);
    const off = config.once(type, (event) => {
      clearTimeout(timer);
      resolve(event);
    });
    action().catch((error: unknown) => {
      clearTimeout(timer);
      off();
      reject(error);
    });
  });
}
