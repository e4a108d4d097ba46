import { readdir, readFile } from 'node:fs/promises';
import { Agent } from 'node:https';
import { join, resolve } from 'node:path';
import type { VaultTlsOptions } from '../vault-source-options.js';

/** TLS settings with the `VAULT_*` fallbacks applied (paths still unread). */
export interface TlsSettings {
  readonly caCert: string | undefined;
  readonly caPath: string | undefined;
  readonly clientCert: string | undefined;
  readonly clientKey: string | undefined;
  readonly serverName: string | undefined;
  readonly skipVerify: boolean;
}

/** The options, else the variables the Vault CLI reads. Undefined when nothing differs from Node's defaults. */
export function tlsSettings(
  options: VaultTlsOptions,
  env: Readonly<Record<string, string | undefined>>,
): TlsSettings | undefined {
  const pick = (value: string | undefined, name: string): string | undefined =>
    value ?? (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const skip = options.skipVerify ?? /^(1|true|t|yes)$/i.test(env.VAULT_SKIP_VERIFY ?? '');
  const settings: TlsSettings = {
    caCert: pick(options.caCert, 'VAULT_CACERT'),
    caPath: pick(options.caPath, 'VAULT_CAPATH'),
    clientCert: pick(options.clientCert, 'VAULT_CLIENT_CERT'),
    clientKey: pick(options.clientKey, 'VAULT_CLIENT_KEY'),
    serverName: pick(options.serverName, 'VAULT_TLS_SERVER_NAME'),
    skipVerify: skip,
  };
  const custom =
    settings.caCert !== undefined ||
    settings.caPath !== undefined ||
    settings.clientCert !== undefined ||
    settings.clientKey !== undefined ||
    settings.serverName !== undefined ||
    settings.skipVerify;
  return custom ? settings : undefined;
}

/**
 * An `https.Agent` for the settings, files read now (relative to `cwd`). Errors name the file and the
 * option or variable, never the content.
 *
 * Why `node:https` and not fetch: Node's global fetch takes no CA, client certificate or server name per
 * request (only a process-wide `NODE_EXTRA_CA_CERTS`), and its dispatcher classes live in the `undici`
 * package, which Strata does not depend on (undici 7 also needs Node ≥ 20.18). An Agent of `node:https`
 * takes all four settings, keeps connections alive, and adds no dependency.
 */
export async function createTlsAgent(settings: TlsSettings, cwd: string): Promise<Agent> {
  const ca: Buffer[] = [];
  if (settings.caCert !== undefined)
    ca.push(await readPem(settings.caCert, cwd, 'tls.caCert / VAULT_CACERT'));
  if (settings.caPath !== undefined) {
    const dir = resolve(cwd, settings.caPath);
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => /\.(pem|crt|cer)$/i.test(n)).sort();
    } catch (error) {
      throw new Error(`cannot read tls.caPath / VAULT_CAPATH ${dir} (${codeOf(error)})`, { cause: error });
    }
    if (names.length === 0) throw new Error(`tls.caPath / VAULT_CAPATH ${dir} holds no .pem or .crt file`);
    for (const name of names) ca.push(await readPem(join(dir, name), cwd, 'tls.caPath / VAULT_CAPATH'));
  }
  if ((settings.clientCert === undefined) !== (settings.clientKey === undefined)) {
    throw new Error(
      'a client certificate needs both tls.clientCert (VAULT_CLIENT_CERT) and tls.clientKey (VAULT_CLIENT_KEY)',
    );
  }
  const cert =
    settings.clientCert === undefined
      ? undefined
      : await readPem(settings.clientCert, cwd, 'tls.clientCert / VAULT_CLIENT_CERT');
  const key =
    settings.clientKey === undefined
      ? undefined
      : await readPem(settings.clientKey, cwd, 'tls.clientKey / VAULT_CLIENT_KEY');
  return new Agent({
    keepAlive: true,
    ...(ca.length > 0 ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    ...(settings.serverName ? { servername: settings.serverName } : {}),
    rejectUnauthorized: !settings.skipVerify,
  });
}

async function readPem(file: string, cwd: string, option: string): Promise<Buffer> {
  const path = resolve(cwd, file);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new Error(`cannot read ${option} ${path} (${codeOf(error)})`, { cause: error });
  }
  if (!bytes.includes('-----BEGIN ')) throw new Error(`${option} ${path} is not PEM (no "-----BEGIN" line)`);
  return bytes;
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'unreadable';
}
