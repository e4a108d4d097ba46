import type { KvMount, KvStore } from './kv-store.js';
import {
  authorize,
  dataAnswer,
  errorAnswer,
  isAnswer,
  type VaultAnswer,
  type VaultRequest,
  type VaultState,
} from './vault-answer.js';

/** KV v1 and v2 reads, writes, lists and deletes for a path inside the namespace. */
export function routeKv(state: VaultState, request: VaultRequest, fullPath: string): VaultAnswer {
  const found = state.kv.find(fullPath);
  if (!found) return errorAnswer(404, `no handler for route "${request.apiPath}". route entry not found.`);
  const token = authorize(state, request, fullPath);
  if (isAnswer(token)) return token;
  const { mount, rest } = found;
  if (mount.version === 1) return kvV1(state.kv, mount, rest, request);
  const slash = rest.indexOf('/');
  const operation = slash === -1 ? rest : rest.slice(0, slash);
  const path = slash === -1 ? '' : rest.slice(slash + 1);
  const versions = versionList(request.body);
  switch (operation) {
    case 'data':
      return kvV2Data(state.kv, mount, path, request);
    case 'metadata':
      return kvV2Metadata(state.kv, mount, path, request);
    case 'delete':
      return state.kv.softDelete(mount, path, versions) ? { status: 204 } : errorAnswer(404);
    case 'undelete':
      return state.kv.undelete(mount, path, versions) ? { status: 204 } : errorAnswer(404);
    case 'destroy':
      return state.kv.destroy(mount, path, versions) ? { status: 204 } : errorAnswer(404);
    default:
      return errorAnswer(404, `no handler for route "${request.apiPath}". route entry not found.`);
  }
}

function kvV2Data(kv: KvStore, mount: KvMount, path: string, request: VaultRequest): VaultAnswer {
  if (request.method === 'POST' || request.method === 'PUT') {
    const data = (request.body as { data?: unknown } | undefined)?.data;
    if (typeof data !== 'object' || data === null) return errorAnswer(400, 'no data provided');
    const number = kv.write(mount, path, data as Record<string, unknown>);
    const written = kv.version(mount, path, number);
    return dataAnswer(written ? metadataOf(number, written.entry) : null);
  }
  if (request.method === 'DELETE') return kv.softDelete(mount, path) ? { status: 204 } : errorAnswer(404);
  const requested = request.query.version === undefined ? undefined : Number(request.query.version);
  const found = kv.version(mount, path, requested);
  if (!found) return errorAnswer(404);
  const metadata = metadataOf(found.number, found.entry);
  if (found.entry.deletionTime !== '' || found.entry.destroyed) {
    return dataAnswer({ data: null, metadata }, {}, 404);
  }
  return dataAnswer({ data: found.entry.data, metadata });
}

function kvV2Metadata(kv: KvStore, mount: KvMount, path: string, request: VaultRequest): VaultAnswer {
  if (request.query.list === 'true') return listAnswer(kv.list(mount, path));
  if (request.method === 'DELETE') return kv.remove(mount, path) ? { status: 204 } : errorAnswer(404);
  const secret = mount.secrets.get(path);
  if (!secret) return errorAnswer(404);
  const versions: Record<string, unknown> = {};
  secret.versions.forEach((entry, index) => {
    versions[String(index + 1)] = {
      created_time: entry.createdTime,
      deletion_time: entry.deletionTime,
      destroyed: entry.destroyed,
    };
  });
  return dataAnswer({ current_version: secret.versions.length, versions });
}

function kvV1(kv: KvStore, mount: KvMount, path: string, request: VaultRequest): VaultAnswer {
  if (request.query.list === 'true') return listAnswer(kv.list(mount, path));
  if (request.method === 'POST' || request.method === 'PUT') {
    if (typeof request.body !== 'object' || request.body === null)
      return errorAnswer(400, 'no data provided');
    kv.write(mount, path, request.body as Record<string, unknown>);
    return { status: 204 };
  }
  if (request.method === 'DELETE') {
    kv.remove(mount, path);
    return { status: 204 };
  }
  const found = kv.version(mount, path);
  if (!found || found.entry.data === null) return errorAnswer(404);
  return dataAnswer(found.entry.data, { lease_duration: 2_764_800 });
}

function listAnswer(keys: readonly string[]): VaultAnswer {
  return keys.length === 0 ? errorAnswer(404) : dataAnswer({ keys });
}

function metadataOf(
  number: number,
  entry: { createdTime: string; deletionTime: string; destroyed: boolean },
): Record<string, unknown> {
  return {
    created_time: entry.createdTime,
    custom_metadata: null,
    deletion_time: entry.deletionTime,
    destroyed: entry.destroyed,
    version: number,
  };
}

function versionList(body: unknown): number[] | undefined {
  const versions = (body as { versions?: unknown } | undefined)?.versions;
  return Array.isArray(versions) ? versions.map(Number) : undefined;
}
