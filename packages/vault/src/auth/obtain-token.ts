import { homedir } from 'node:os';
import { join } from 'node:path';
import { readCredentialFile } from './read-credential-file.js';
import type { VaultAuthOptions } from '../vault-source-options.js';
import { VaultRequestError } from '../http/vault-request-error.js';
import type { VaultClient } from '../http/vault-client.js';

/** A token and how long it lives. */
export interface TokenGrant {
  readonly token: string;
  /** The lease in ms; 0 means no expiry (or unknown). */
  readonly leaseMs: number;
  readonly renewable: boolean;
  /**
   * `lookup-self` answered 403 without saying "invalid token": either a token without the default policy, or
   * (Vault before 1.17, which says only "permission denied") a dead one. The session then treats a 403 on
   * the next read as a dead token.
   */
  readonly lookupDenied?: boolean;
  /** Agent mode: no token is sent at all. */
  readonly none?: boolean;
}

/** Where credentials come from besides the options. */
export interface CredentialContext {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signal: AbortSignal;
  readonly background: boolean;
}

/** The default path of a Kubernetes service-account token. */
export const defaultJwtFile = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** What obtaining a token is called in messages: `logging in with AppRole (auth/approle/login)`. */
export function loginActivity(auth: VaultAuthOptions): string {
  switch (auth.method) {
    case 'approle':
      return `logging in with AppRole (auth/${auth.mount ?? 'approle'}/login)`;
    case 'kubernetes':
      return `logging in with Kubernetes role "${auth.role}" (auth/${auth.mount ?? 'kubernetes'}/login)`;
    case 'jwt':
      return `logging in with JWT/OIDC role "${auth.role}" (auth/${auth.mount ?? 'jwt'}/login)`;
    case 'agent':
      return 'reaching Vault through the agent';
    default:
      return `checking the Vault token from ${tokenOrigin(auth)} (auth/token/lookup-self)`;
  }
}

/** `auth.token`, `auth.tokenFile /run/token`, `VAULT_TOKEN`, `~/.vault-token`. */
export function tokenOrigin(
  auth: VaultAuthOptions & { method: 'token' },
  env: Readonly<Record<string, string | undefined>> = {},
): string {
  if (auth.token !== undefined) return 'auth.token';
  if (auth.tokenFile !== undefined) return `auth.tokenFile ${auth.tokenFile}`;
  if (env.VAULT_TOKEN !== undefined && env.VAULT_TOKEN !== '') return 'VAULT_TOKEN';
  return '~/.vault-token';
}

/** True when the token comes from a file that may hold a newer one later (tokenFile, ~/.vault-token). */
export function tokenIsReReadable(
  auth: VaultAuthOptions & { method: 'token' },
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (auth.token !== undefined && auth.token !== '') return false;
  if (auth.tokenFile !== undefined) return true;
  return env.VAULT_TOKEN === undefined || env.VAULT_TOKEN === '';
}

/** The CLI's token helper file: `$HOME/.vault-token` (HOME from the context, so tests can move it). */
export function cliTokenFile(env: Readonly<Record<string, string | undefined>>): string {
  return join(env.HOME ?? homedir(), '.vault-token');
}

/**
 * Log in (AppRole, Kubernetes) or look the static token up (its TTL decides renewal). Throws
 * {@link VaultRequestError} or an `Error` naming a file; never a credential.
 */
export async function obtainToken(
  auth: VaultAuthOptions,
  client: VaultClient,
  context: CredentialContext,
): Promise<TokenGrant> {
  const { signal, background } = context;
  if (auth.method === 'agent') return { token: '', leaseMs: 0, renewable: false, none: true };
  if (auth.method === 'token') {
    const token = await staticToken(auth, context);
    try {
      const reply = await client.send({
        method: 'GET',
        path: 'auth/token/lookup-self',
        token,
        signal,
        background,
      });
      const data = (reply.body as { data?: { ttl?: unknown; renewable?: unknown } } | undefined)?.data;
      const ttl = typeof data?.ttl === 'number' ? data.ttl : 0;
      return { token, leaseMs: ttl * 1000, renewable: data?.renewable === true };
    } catch (error) {
      // A token may lack `lookup-self` yet read its secrets: go on without knowing its TTL.
      if (VaultRequestError.is(error) && error.status === 403 && !error.invalidToken) {
        return { token, leaseMs: 0, renewable: false, lookupDenied: true };
      }
      throw error;
    }
  }
  let path: string;
  let body: Record<string, string>;
  if (auth.method === 'approle') {
    path = `auth/${auth.mount ?? 'approle'}/login`;
    body = { role_id: auth.roleId };
    const secretId =
      auth.secretId ??
      (auth.secretIdFile === undefined
        ? undefined
        : await readCredentialFile(auth.secretIdFile, context.cwd, 'auth.secretIdFile'));
    if (secretId !== undefined) body.secret_id = secretId;
  } else if (auth.method === 'kubernetes') {
    path = `auth/${auth.mount ?? 'kubernetes'}/login`;
    const jwt = await readCredentialFile(auth.jwtFile ?? defaultJwtFile, context.cwd, 'auth.jwtFile');
    body = { role: auth.role, jwt };
  } else {
    path = `auth/${auth.mount ?? 'jwt'}/login`;
    const jwt = auth.jwt ?? (await readCredentialFile(auth.jwtFile as string, context.cwd, 'auth.jwtFile'));
    body = { role: auth.role, jwt };
  }
  const reply = await client.send({ method: 'POST', path, body, signal, background });
  const grant = (reply.body as { auth?: Record<string, unknown> } | undefined)?.auth;
  if (typeof grant?.client_token !== 'string' || grant.client_token === '') {
    throw new Error(`POST /v1/${path} answered without auth.client_token`);
  }
  const lease = typeof grant.lease_duration === 'number' ? grant.lease_duration : 0;
  return { token: grant.client_token, leaseMs: lease * 1000, renewable: grant.renewable === true };
}

async function staticToken(
  auth: VaultAuthOptions & { method: 'token' },
  context: CredentialContext,
): Promise<string> {
  if (auth.token !== undefined && auth.token !== '') return auth.token;
  if (auth.tokenFile !== undefined) return readCredentialFile(auth.tokenFile, context.cwd, 'auth.tokenFile');
  const token = context.env.VAULT_TOKEN;
  if (token !== undefined && token !== '') return token;
  // Last, as the Vault CLI does: the file `vault login` writes.
  const file = cliTokenFile(context.env);
  try {
    return await readCredentialFile(file, context.cwd, '~/.vault-token');
  } catch (error) {
    if (/\(ENOENT\)$/.test((error as Error).message)) {
      throw new Error(
        `no Vault token: set VAULT_TOKEN, auth.token or auth.tokenFile, run "vault login" (writes ${file}), or use auth: { method: 'agent' } behind a Vault Agent`,
      );
    }
    throw error;
  }
}
