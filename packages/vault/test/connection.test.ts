import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VaultRequestError, vaultSource } from '../src/index.js';
import { recordingLogger, rejectionOf, sourceContext, valuesOf } from '@strata-internal/test-support';
import { makeTestCertificates, type TestCertificates } from './support/test-certificates.js';
import { useVault } from './support/use-vault.js';

const vault = useVault();
const token = 'hvs.connection-token-01';
const secrets = { 'secret/app/production': { password: 'p4ss' } };

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'strata-vault-conn-'));
  vault.onCleanup(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function tokenSource(extra: Partial<Parameters<typeof vaultSource>[0]> = {}) {
  return vault.track(
    vaultSource({
      kv: 2,
      auth: { method: 'token', token },
      retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 },
      secrets: [{ path: 'secret/app/{env}' }],
      ...extra,
    }),
  );
}

describe('TLS (certificates made by the openssl CLI in the test)', () => {
  let shared: { dir: string; certs: TestCertificates } | undefined;
  afterAll(async () => {
    if (shared) await rm(shared.dir, { recursive: true, force: true });
  });

  async function tlsServer(requestCert = false): Promise<{ url: string; certs: TestCertificates }> {
    if (!shared) {
      const dir = await mkdtemp(join(tmpdir(), 'strata-vault-certs-'));
      shared = { dir, certs: makeTestCertificates(dir) };
    }
    const certs = shared.certs;
    const server = await vault.server({
      secrets,
      tokens: [token],
      tls: {
        key: certs.read(certs.serverKey),
        cert: certs.read(certs.serverCert),
        ca: certs.read(certs.caCert),
        requestCert,
      },
    });
    return { url: server.url, certs };
  }

  it('trusts VAULT_CACERT and checks the name given by VAULT_TLS_SERVER_NAME', async () => {
    const { url, certs } = await tlsServer();
    const env = { VAULT_ADDR: url, VAULT_CACERT: certs.caCert, VAULT_TLS_SERVER_NAME: certs.serverName };
    expect(valuesOf(await tokenSource().load(sourceContext({ env })))).toEqual({ password: 'p4ss' });
  });

  it('refuses an untrusted certificate or a wrong name at once, saying what to set', async () => {
    const { url, certs } = await tlsServer();
    const untrusted = await rejectionOf(tokenSource().load(sourceContext({ env: { VAULT_ADDR: url } })));
    expect(untrusted.message).toContain('failed TLS verification');
    expect(untrusted.message).toContain('VAULT_CACERT');
    expect(VaultRequestError.is(untrusted.cause) && untrusted.cause.attempts).toBe(1);

    const wrongName = await rejectionOf(
      tokenSource().load(sourceContext({ env: { VAULT_ADDR: url, VAULT_CACERT: certs.caCert } })),
    );
    expect(wrongName.message).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(wrongName.message).toContain('VAULT_TLS_SERVER_NAME');

    const missing = await rejectionOf(
      tokenSource().load(
        sourceContext({ env: { VAULT_ADDR: url, VAULT_CACERT: join(certs.dir, 'nope.pem') } }),
      ),
    );
    expect(missing.message).toContain(
      `could not set up TLS: cannot read tls.caCert / VAULT_CACERT ${join(certs.dir, 'nope.pem')} (ENOENT)`,
    );
  });

  it('trusts every certificate of VAULT_CAPATH, and options win over variables', async () => {
    const { url, certs } = await tlsServer();
    const caDir = join(await scratch(), 'cas');
    await mkdir(caDir);
    await writeFile(join(caDir, 'strata.pem'), certs.read(certs.caCert));
    const env = { VAULT_ADDR: url, VAULT_CAPATH: caDir, VAULT_TLS_SERVER_NAME: 'wrong.example' };
    const source = tokenSource({ tls: { serverName: certs.serverName } });
    expect(valuesOf(await source.load(sourceContext({ env })))).toEqual({ password: 'p4ss' });
  });

  it('presents a client certificate from VAULT_CLIENT_CERT and VAULT_CLIENT_KEY when the listener asks', async () => {
    const { url, certs } = await tlsServer(true);
    const base = { VAULT_ADDR: url, VAULT_CACERT: certs.caCert, VAULT_TLS_SERVER_NAME: certs.serverName };
    const without = await rejectionOf(tokenSource().load(sourceContext({ env: base })));
    expect(without.message).toContain(`Vault at ${url}`);
    const env = { ...base, VAULT_CLIENT_CERT: certs.clientCert, VAULT_CLIENT_KEY: certs.clientKey };
    expect(valuesOf(await tokenSource().load(sourceContext({ env })))).toEqual({ password: 'p4ss' });
  });

  it('skips verification with VAULT_SKIP_VERIFY, warning loudly', async () => {
    const { url } = await tlsServer();
    const logger = recordingLogger();
    const env = { VAULT_ADDR: url, VAULT_SKIP_VERIFY: 'true' };
    expect(valuesOf(await tokenSource().load(sourceContext({ env, logger })))).toEqual({ password: 'p4ss' });
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      expect.stringContaining(`TLS certificate verification is OFF for ${url}`),
    ]);
  });
});

describe('more ways to authenticate', () => {
  it('logs in with JWT/OIDC, reading the JWT file at each login', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'id-token'), 'eyJ.oidc-token.sig\n');
    const server = await vault.server({
      secrets,
      jwt: { mount: 'oidc', roles: [{ role: 'app', jwt: 'eyJ.oidc-token.sig' }] },
    });
    const source = tokenSource({
      address: server.url,
      auth: { method: 'jwt', role: 'app', jwtFile: 'id-token', mount: 'oidc' },
    });
    expect(valuesOf(await source.load(sourceContext({ cwd: dir })))).toEqual({ password: 'p4ss' });
    expect(server.requests({ path: '/v1/auth/oidc/login', status: 200 })).toHaveLength(1);
    expect(() => vaultSource({ auth: { method: 'jwt', role: 'app' }, secrets: [{ path: 'a/b' }] })).toThrow(
      'JWT auth needs exactly one of auth.jwtFile (preferred) or auth.jwt',
    );
  });

  it('goes through a Vault Agent at VAULT_AGENT_ADDR without a token of its own', async () => {
    const server = await vault.server({ secrets, tokens: [token] });
    // What an agent with use_auto_auth_token does: forward each request with its own token added.
    const agent = createServer((req, res) => {
      const upstream = new URL(server.url);
      const forwarded = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, 'x-vault-token': token },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(forwarded);
    });
    await new Promise<void>((resolve) => agent.listen(0, '127.0.0.1', resolve));
    vault.onCleanup(() => new Promise<void>((resolve) => agent.close(() => resolve())));
    const agentAddr = `http://127.0.0.1:${(agent.address() as AddressInfo).port}`;
    const seen: (string | undefined)[] = [];
    agent.prependListener('request', (req) => seen.push(req.headers['x-vault-token'] as string | undefined));
    const source = tokenSource({ auth: { method: 'agent' } });
    const env = { VAULT_AGENT_ADDR: agentAddr, VAULT_ADDR: 'http://127.0.0.1:1' };
    expect(valuesOf(await source.load(sourceContext({ env })))).toEqual({ password: 'p4ss' });
    expect(seen).toEqual([undefined]);
    expect(server.requests({ path: '/v1/secret/data/app/production', status: 200 })).toHaveLength(1);
  });

  it('reads ~/.vault-token as the CLI does when nothing else gives a token', async () => {
    const home = await scratch();
    await writeFile(join(home, '.vault-token'), `${token}\n`);
    const server = await vault.server({ secrets, tokens: [token] });
    const source = tokenSource({ address: server.url, auth: { method: 'token' } });
    expect(valuesOf(await source.load(sourceContext({ env: { HOME: home } })))).toEqual({ password: 'p4ss' });

    const empty = await scratch();
    const none = tokenSource({ address: server.url, auth: { method: 'token' } });
    const error = await rejectionOf(none.load(sourceContext({ env: { HOME: empty } })));
    expect(error.message).toContain(`run "vault login" (writes ${join(empty, '.vault-token')})`);
  });

  it('accepts the token as Authorization: Bearer at the test server too (as Vault does)', async () => {
    const server = await vault.server({ secrets, tokens: [token] });
    const response = await fetch(`${server.url}/v1/secret/data/app/production`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(JSON.stringify(server.requests())).not.toContain(token);
  });
});
