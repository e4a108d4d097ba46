import {
  authBlock,
  authorize,
  dataAnswer,
  errorAnswer,
  deadTokenAnswer,
  isAnswer,
  type VaultAnswer,
  type VaultRequest,
  type VaultState,
} from './vault-answer.js';

/** `auth/...`: logins and the token's own lookup, renewal and revocation. Undefined when not an auth path. */
export function routeAuth(state: VaultState, request: VaultRequest): VaultAnswer | undefined {
  const path = request.apiPath;
  if (!path.startsWith('auth/')) return undefined;
  if (path === 'auth/token/lookup-self') return lookupSelf(state, request);
  if (path === 'auth/token/renew-self') return renewSelf(state, request);
  if (path === 'auth/token/revoke-self') {
    const token = authorize(state, request, undefined);
    if (isAnswer(token)) return token;
    state.tokens.revoke(token.id);
    return { status: 204 };
  }
  if (state.approle && path === `auth/${state.approle.mount}/login`) return appRoleLogin(state, request);
  if (state.kubernetes && path === `auth/${state.kubernetes.mount}/login`)
    return kubernetesLogin(state, request);
  if (state.jwt && path === `auth/${state.jwt.mount}/login`) return jwtLogin(state, request);
  return errorAnswer(404, `no handler for route "${path}". route entry not found.`);
}

function lookupSelf(state: VaultState, request: VaultRequest): VaultAnswer {
  const token = authorize(state, request, undefined);
  if (isAnswer(token)) return token;
  return dataAnswer({
    accessor: token.accessor,
    creation_time: Math.floor(token.createdAt / 1000),
    creation_ttl: token.ttlMs / 1000,
    display_name: token.method === 'token' ? 'token' : token.method,
    entity_id: '',
    expire_time: token.expiresAt === undefined ? null : new Date(token.expiresAt).toISOString(),
    explicit_max_ttl: (token.maxTtlMs ?? 0) / 1000,
    id: token.id,
    identity_policies: [],
    issue_time: new Date(token.createdAt).toISOString(),
    meta: null,
    num_uses: 0,
    orphan: true,
    path: token.method === 'token' ? 'auth/token/create' : `auth/${token.method}/login`,
    policies: token.policies,
    renewable: token.renewable,
    ttl: state.tokens.ttlSeconds(token),
    type: 'service',
  });
}

function renewSelf(state: VaultState, request: VaultRequest): VaultAnswer {
  if (request.method !== 'POST' && request.method !== 'PUT') return errorAnswer(405, 'unsupported operation');
  const token = authorize(state, request, undefined);
  if (isAnswer(token)) return token;
  const lease = state.tokens.renew(token);
  if (lease === 'not-renewable') return errorAnswer(400, 'lease is not renewable');
  if (lease === 'expired') return deadTokenAnswer(state);
  return dataAnswer(null, { auth: authBlock(token, lease) });
}

function appRoleLogin(state: VaultState, request: VaultRequest): VaultAnswer {
  const body = asRecord(request.body);
  const role = state.approle?.roles.find((r) => r.roleId === body.role_id);
  if (!role) return errorAnswer(400, 'invalid role ID');
  if (role.secretId !== undefined && role.secretId !== body.secret_id) {
    return errorAnswer(400, 'invalid secret id');
  }
  const token = state.tokens.create('approle', role, { ttl: '1h', policies: ['default'] });
  return dataAnswer(null, { auth: authBlock(token, leaseOf(token.expiresAt, token.createdAt)) });
}

function kubernetesLogin(state: VaultState, request: VaultRequest): VaultAnswer {
  const body = asRecord(request.body);
  const role = state.kubernetes?.roles.find((r) => r.role === body.role);
  if (!role) return errorAnswer(400, `invalid role name "${String(body.role)}"`);
  if (role.jwt !== body.jwt) return errorAnswer(403, 'permission denied');
  const token = state.tokens.create('kubernetes', role, { ttl: '1h', policies: ['default'] });
  return dataAnswer(null, { auth: authBlock(token, leaseOf(token.expiresAt, token.createdAt)) });
}

function jwtLogin(state: VaultState, request: VaultRequest): VaultAnswer {
  const body = asRecord(request.body);
  const role = state.jwt?.roles.find((r) => r.role === body.role);
  if (!role) return errorAnswer(400, `role "${String(body.role)}" could not be found`);
  if (typeof body.jwt !== 'string' || body.jwt === '') return errorAnswer(400, 'missing token');
  if (role.jwt !== body.jwt) return errorAnswer(400, 'error validating token: invalid audience (aud) claim');
  const token = state.tokens.create('jwt', role, { ttl: '1h', policies: ['default'] });
  return dataAnswer(null, { auth: authBlock(token, leaseOf(token.expiresAt, token.createdAt)) });
}

/**
 * The lease left at `now`. A login passes the token's creation time: a fresh token's lease is its whole TTL,
 * as Vault answers, where a second reading of a real clock would report 1.996 s for a 2 s TTL.
 */
function leaseOf(expiresAt: number | undefined, now: number): number {
  return expiresAt === undefined ? 0 : expiresAt - now;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
