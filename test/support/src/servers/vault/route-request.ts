import { routeAuth } from './auth-routes.js';
import { trimSlashes } from './kv-store.js';
import { routeKv } from './kv-routes.js';
import { routeLeases } from './lease-routes.js';
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
 * Answer one request of an unsealed, active server. Namespaces prefix KV paths (`X-Vault-Namespace: team-a`
 * plus `secret/data/app` is the mount `team-a/secret`); `sys/` and `auth/` paths ignore the namespace.
 */
export function routeRequest(state: VaultState, request: VaultRequest): VaultAnswer {
  const auth = routeAuth(state, request);
  if (auth) return auth;
  const leases = routeLeases(state, request);
  if (leases) return leases;
  const prefix = request.namespace ? `${trimSlashes(request.namespace)}/` : '';
  const mountsPrefix = 'sys/internal/ui/mounts/';
  if (request.apiPath.startsWith(mountsPrefix)) {
    const token = authorize(state, request, undefined);
    if (isAnswer(token)) return token;
    const asked = request.apiPath.slice(mountsPrefix.length);
    const found = state.kv.find(prefix + asked);
    const dynamic = found ? undefined : state.leases.isMount(asked);
    if (dynamic !== undefined) {
      return dataAnswer({ path: `${dynamic}/`, type: 'database', description: '', options: null });
    }
    // Vault answers a path under no mount with a 403, never a 404, so the endpoint cannot map the mounts.
    if (!found) {
      return errorAnswer(
        403,
        `preflight capability check returned 403, please ensure client's policies grant access to path "${asked}/"`,
      );
    }
    const options = found.mount.type === 'kv' ? { version: String(found.mount.version) } : null;
    return dataAnswer({
      path: `${found.mount.path.slice(prefix.length)}/`,
      type: found.mount.type,
      description: '',
      options,
    });
  }
  if (request.apiPath.startsWith('sys/')) {
    return errorAnswer(404, `no handler for route "${request.apiPath}". route entry not found.`);
  }
  return routeKv(state, request, prefix + request.apiPath);
}
