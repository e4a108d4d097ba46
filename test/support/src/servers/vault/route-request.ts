import { routeAuth } from './auth-routes.js';
import { trimSlashes } from './kv-store.js';
import { routeKv } from './kv-routes.js';
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
  const prefix = request.namespace ? `${trimSlashes(request.namespace)}/` : '';
  const mountsPrefix = 'sys/internal/ui/mounts/';
  if (request.apiPath.startsWith(mountsPrefix)) {
    const token = authorize(state, request, undefined);
    if (isAnswer(token)) return token;
    const found = state.kv.find(prefix + request.apiPath.slice(mountsPrefix.length));
    if (!found) return errorAnswer(404, 'no mount found for path');
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
