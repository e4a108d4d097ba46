// Importing @strata/events must not load eventemitter3 or inversify: a bridge loads eventemitter3 when it is
// created and the DI helpers load inversify when called. Checked on the built bundle, in a fresh process.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Runs in the child: records every module the ES loader resolves (a resolve hook reports each URL over a
 * message port) and every CommonJS module in `require.cache`. A data: URL import marks the end of a phase,
 * so no timer decides when the reports are complete.
 */
const script = `
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const resolved = [];
let marked = () => {};
port1.on('message', (url) => {
  if (url.startsWith('data:text/javascript,export')) marked();
  else resolved.push(url);
});
const hooks = \`let port; export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) { const r = await next(specifier, context); port.postMessage(r.url); return r; }\`;
register('data:text/javascript,' + encodeURIComponent(hooks), { data: { port: port2 }, transferList: [port2] });
const require = createRequire(import.meta.url);
async function loaded(phase) {
  const seen = new Promise((resolve) => { marked = resolve; });
  await import('data:text/javascript,export default ' + phase);
  await seen;
  return [...resolved, ...Object.keys(require.cache)].map((p) => p.replaceAll('\\\\', '/'));
}
const events = await import('@strata/events');
const afterImport = await loaded(1);
events.createMemoryTransport();
const afterTransport = await loaded(2);
// The positive control: the same probe sees both packages once something does load them.
await import('inversify');
require('eventemitter3');
const afterUse = await loaded(3);
port1.close();
console.log(JSON.stringify({ afterImport, afterTransport, afterUse }));
`;

describe('@strata/events loading (built dist)', () => {
  it('does not load eventemitter3 or inversify when imported', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: packageDir,
      env: { PATH: process.env.PATH ?? '' },
    });
    const lists = JSON.parse(stdout) as Record<'afterImport' | 'afterTransport' | 'afterUse', string[]>;
    const heavy = (paths: string[]): string[] =>
      paths.filter((p) => /\/node_modules\/(eventemitter3|inversify|@inversifyjs\/[^/]+)\//.test(p));
    expect(lists.afterImport.some((p) => p.includes('/events/dist/bundle/'))).toBe(true);
    expect(heavy(lists.afterImport)).toEqual([]);
    expect(heavy(lists.afterTransport)).toEqual([]);
    expect(heavy(lists.afterUse).some((p) => p.includes('/eventemitter3/'))).toBe(true);
    expect(heavy(lists.afterUse).some((p) => p.includes('/inversify/'))).toBe(true);
  });
});
