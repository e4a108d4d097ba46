// What a plain start compiles: importing Strata and loading YAML files and environment variables must not load
// the code of features the load does not use (decryption and the keyring, `${…}` expansion), which would be parsed and
// compiled at every process start for nothing. Those features come in as chunks of their own, on the
// asynchronous paths that need them, and still work: each check has a load that uses the feature as its
// positive control. Checked on the built bundles (`npx -y pnpm@10.34.9 run build` first), in fresh processes,
// by the functions the loaded bundle files define.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { computeFileMac, encryptValue, generateKey, parseKeyring } from '@strata/core/secrets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Loads `dir` with a file source and an env source, reads `server` and lists the Strata bundle files loaded
// (the inspector reports every script already parsed when its debugger is enabled).
const script = `
import 'reflect-metadata';
import { Session } from 'node:inspector';
const { loadConfig, Section } = await import('@strata/core');
const { fileSource } = await import('@strata/file');
const { envSource } = await import('@strata/env');
class Server { constructor() { this.host = 'none'; this.port = 0; this.url = ''; } }
Section('server')(Server);
const dir = process.argv[1];
const config = await loadConfig(
  { sections: [Server], sources: [fileSource({ dir }), envSource({ prefix: 'APP_' })] },
  { env: JSON.parse(process.argv[2]), cwd: dir },
);
const { host, port, url } = config.get(Server);
const server = { host, port, url };
await config.close();
const session = new Session();
const scripts = [];
session.connect();
session.on('Debugger.scriptParsed', (message) => scripts.push(message.params.url));
session.post('Debugger.enable');
session.disconnect();
console.log(JSON.stringify({ server, scripts: scripts.filter((url) => url.includes('/dist/bundle/')) }));
`;

interface Start {
  readonly server: Record<string, unknown>;
  /** Every function name the loaded bundle files define (`function name(`, `class name`). */
  readonly defined: ReadonlySet<string>;
}

async function start(dir: string, env: Record<string, string> = {}): Promise<Start> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', script, dir, JSON.stringify(env)],
    { cwd: path.join(root, 'packages/file'), env: { PATH: process.env.PATH ?? '' } },
  );
  const result = JSON.parse(stdout) as { server: Record<string, unknown>; scripts: string[] };
  const defined = new Set<string>();
  for (const url of result.scripts) {
    const text = readFileSync(fileURLToPath(url), 'utf8');
    for (const match of text.matchAll(/(?:function\*?|class) ([\w$]+)/g)) defined.add(match[1]!);
  }
  return { server: result.server, defined };
}

/** Functions of the decryption, keyring and file MAC code. */
const secretCode = ['decryptValue', 'loadKeyring', 'parseKeyEntries', 'verifyFileMac', 'verifyLayerMacs'];
/** Functions of `${…}` expansion (a value without `${` never needs them). */
const interpolationCode = ['expandTemplates', 'parseTemplate', 'readReferencedText'];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'strata-lazy-start-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function profileDir(name: string, files: Record<string, string>): Promise<string> {
  const at = path.join(dir, name);
  await mkdir(at);
  for (const [file, text] of Object.entries(files)) await writeFile(path.join(at, file), text);
  return at;
}

describe('a plain start (built dist, fresh process)', () => {
  it('loads no decryption, keyring or file MAC code', async () => {
    const plain = await profileDir('plain', {
      'default.yaml': 'server:\n  host: yaml-default\n  port: 8080\n  url: http://localhost\n',
    });
    const result = await start(plain, { APP_SERVER__PORT: '9090' });
    expect(result.server).toEqual({ host: 'yaml-default', port: 9090, url: 'http://localhost' });
    // The probe sees the bundles that were loaded.
    expect(result.defined).toContain('loadConfig');
    for (const name of [...secretCode, ...interpolationCode]) expect(result.defined).not.toContain(name);
  });

  it('still expands templates (the chunk loads then)', async () => {
    const templated = await profileDir('templated', {
      'default.yaml': [
        'server:',
        '  host: $${env:HOST}',
        '  port: 8080',
        '  url: http://$${server.host}:$${server.port}',
        '',
      ]
        .join('\n')
        .replaceAll('$$', '$'),
    });
    const result = await start(templated, { HOST: 'from-env' });
    expect(result.server).toEqual({ host: 'from-env', port: 8080, url: 'http://from-env:8080' });
    for (const name of interpolationCode) expect(result.defined).toContain(name);
  });

  it('still decrypts and checks a file MAC with a keyring configured (the chunk loads then)', async () => {
    const key = generateKey('k1');
    const keyring = parseKeyring(key.line);
    const envelope = encryptValue({ value: 'secret-host', path: 'server.host', keyring });
    const mac = computeFileMac({ entries: [{ path: 'server.host', envelope }], keyring });
    const secret = await profileDir('secret', {
      'default.yaml': `server:\n  host: "${envelope}"\n  port: 8080\nstrata-mac: "${mac}"\n`,
    });
    const result = await start(secret, { STRATA_KEYS: key.line });
    expect(result.server).toMatchObject({ host: 'secret-host', port: 8080 });
    for (const name of secretCode) expect(result.defined).toContain(name);
  });
});
