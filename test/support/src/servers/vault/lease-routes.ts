import {
  authorize,
  dataAnswer,
  errorAnswer,
  isAnswer,
  type VaultAnswer,
  type VaultRequest,
  type VaultState,
} from './vault-answer.js';

/**
 * `<mount>/creds/<role>` of the lease-based engines and `sys/leases/renew|revoke`. Undefined when the path
 * is neither.
 */
export function routeLeases(state: VaultState, request: VaultRequest): VaultAnswer | undefined {
  const path = request.apiPath;
  if (path === 'sys/leases/renew' || path.startsWith('sys/leases/renew/')) return renew(state, request);
  if (path === 'sys/leases/revoke' || path.startsWith('sys/leases/revoke/')) return revoke(state, request);
  const found = state.leases.find(path);
  if (!found) {
    const mount = state.leases.isMount(path);
    return mount === undefined
      ? undefined
      : errorAnswer(404, `no handler for route "${path}". route entry not found.`);
  }
  const token = authorize(state, request, path);
  if (isAnswer(token)) return token;
  if (!found.role) return errorAnswer(400, `unknown role: ${path.slice(path.lastIndexOf('/') + 1)}`);
  if (request.method !== 'GET') return errorAnswer(405, 'unsupported operation');
  const { record, leaseSeconds } = state.leases.issue(found.mount, found.role);
  return dataAnswer(record.data, {
    lease_id: record.id,
    renewable: found.role.renewable ?? true,
    lease_duration: leaseSeconds,
  });
}

function leaseIdOf(request: VaultRequest, prefix: string): string | undefined {
  const body = request.body as { lease_id?: unknown } | undefined;
  if (typeof body?.lease_id === 'string' && body.lease_id !== '') return body.lease_id;
  const rest = request.apiPath.slice(prefix.length);
  return rest.startsWith('/') && rest.length > 1 ? rest.slice(1) : undefined;
}

function renew(state: VaultState, request: VaultRequest): VaultAnswer {
  if (request.method !== 'PUT' && request.method !== 'POST') return errorAnswer(405, 'unsupported operation');
  const token = authorize(state, request, 'sys/leases/renew');
  if (isAnswer(token)) return token;
  const id = leaseIdOf(request, 'sys/leases/renew');
  if (id === undefined) return errorAnswer(400, 'lease_id must be specified');
  const increment = (request.body as { increment?: unknown } | undefined)?.increment;
  const result = state.leases.renew(id, typeof increment === 'number' ? increment : undefined);
  if (result === 'not-found') return errorAnswer(400, 'lease not found');
  if (result === 'not-renewable') return errorAnswer(400, 'lease is not renewable');
  // Vault puts the lease fields at the top level of the envelope, with no data.
  return dataAnswer(null, { lease_id: id, renewable: result.renewable, lease_duration: result.leaseSeconds });
}

function revoke(state: VaultState, request: VaultRequest): VaultAnswer {
  if (request.method !== 'PUT' && request.method !== 'POST') return errorAnswer(405, 'unsupported operation');
  const token = authorize(state, request, 'sys/leases/revoke');
  if (isAnswer(token)) return token;
  const id = leaseIdOf(request, 'sys/leases/revoke');
  if (id === undefined) return errorAnswer(400, 'lease_id must be specified');
  state.leases.revoke(id);
  return { status: 204 };
}
