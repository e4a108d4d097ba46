/**
 * One parser-bounds sample in a fresh process: `node dist/parser-bounds/bounds-child.js <repo> <file>`.
 * Loads the file through `loadConfig` + `fileSource({ file })` of the Strata checkout at `<repo>` (its built
 * bundles), with a one-section schema, and prints `{ ms, maxRssMb, outcome }` as JSON.
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

interface StrataCore {
  loadConfig(definition: unknown, options: unknown): Promise<{ close(): Promise<void> }>;
  Section(name: string): (target: new () => unknown) => void;
}
interface StrataFile {
  fileSource(options: unknown): unknown;
}

const [repo, file] = process.argv.slice(2) as [string, string];
const core = (await import(
  pathToFileURL(join(repo, 'packages/core/dist/bundle/index.js')).href
)) as StrataCore;
const files = (await import(
  pathToFileURL(join(repo, 'packages/file/dist/bundle/index.js')).href
)) as StrataFile;

class Bench {
  name = 'bench';
}
core.Section('bench')(Bench);

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const started = performance.now();
let outcome = 'loaded';
try {
  const config = await core.loadConfig(
    { sections: [Bench], sources: [files.fileSource({ file })] },
    { env: {}, argv: [], environment: 'bench', logger: silent },
  );
  await config.close();
} catch (error) {
  const code = (error as { code?: string }).code ?? 'Error';
  outcome = `${code}: ${String((error as Error).message)
    .split('\n')[0]
    ?.slice(0, 300)}`;
}
const ms = performance.now() - started;
const maxRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ ms, maxRssMb, outcome })}\n`);
