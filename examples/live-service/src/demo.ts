import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Config, ConfigEvents } from '@strata/core';
import { exampleDir, type LiveService, startService } from './start-service.js';

/**
 * `pnpm run demo`: a scripted run. It copies config/ to a temporary directory, starts the service there on a
 * free port, edits the YAML file the way an editor saves it (write a temporary file, rename it over), and
 * shows each response change without a restart — and an invalid edit being refused.
 */
const workDir = await mkdtemp(path.join(tmpdir(), 'strata-live-service-'));
const file = path.join(workDir, 'config', 'default.yaml');
let service: LiveService | undefined;

try {
  await cp(path.join(exampleDir, 'config'), path.join(workDir, 'config'), { recursive: true });
  console.log(`1. Copied config/ to ${workDir}`);

  service = await startService({ cwd: workDir, port: 0, log: (line) => console.log(`   [service] ${line}`) });
  const { config, url } = service;
  console.log(`2. Service listening on ${url}`);
  console.log(`   GET / → ${await get(url)}`);

  console.log('3. Editor-style save: greeting.text → "bonjour from Strata"');
  await expectEvent(config, 'changed', () => edit(/text: .*/, 'text: bonjour from Strata'));
  console.log(`   GET / → ${await get(url)}  (same process, no restart)`);

  console.log('4. Invalid save: limits.requestsPerMinute → 0');
  await expectEvent(config, 'rejected', () => edit(/requestsPerMinute: .*/, 'requestsPerMinute: 0'));
  console.log(`   GET / → ${await get(url)}  (the last good configuration is still served)`);

  console.log('5. Fixed save: limits.requestsPerMinute → 240');
  await expectEvent(config, 'changed', () => edit(/requestsPerMinute: .*/, 'requestsPerMinute: 240'));
  console.log(`   GET / → ${await get(url)}`);
} finally {
  await service?.close();
  await rm(workDir, { recursive: true, force: true });
}
console.log('6. Closed the service and the configuration; done');

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
