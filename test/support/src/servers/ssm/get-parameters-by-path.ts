import { validationError } from './aws-json.js';
import { decodeNextToken, encodeNextToken, REPEATED_NEXT_TOKEN } from './next-token.js';
import { type ParameterStore, toWireParameter } from './parameter-store.js';
import type { SsmParameterType, StoredParameter } from './types.js';

/** Page behaviour a fault asks for. */
export type PageFault = 'emptyPage' | 'repeatToken' | undefined;

/** `AmazonSSM.GetParametersByPath`: one page of the parameters under `Path`. */
export function getParametersByPath(
  store: ParameterStore,
  body: Record<string, unknown>,
  options: { pageSize: number | undefined; fault: PageFault },
): Record<string, unknown> {
  const path = body.Path;
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw validationError(
      `1 validation error detected: Value '${String(path)}' at 'path' failed to satisfy constraint: ` +
        'Member must start with a forward slash (/)',
    );
  }
  if (path.split('/').filter(Boolean).length > 15) {
    throw validationError('The parameter hierarchy depth exceeds the maximum of 15 levels.');
  }
  const maxResults = body.MaxResults ?? 10;
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > 10) {
    throw validationError(
      `1 validation error detected: Value '${String(maxResults)}' at 'maxResults' failed to satisfy ` +
        'constraint: Member must have value less than or equal to 10',
    );
  }
  const recursive = body.Recursive === true;
  const withDecryption = body.WithDecryption === true;
  const token = typeof body.NextToken === 'string' ? body.NextToken : undefined;

  const all = filterByType(store.byPath(path, recursive), body.ParameterFilters);
  const limit = Math.min(maxResults, options.pageSize ?? maxResults);

  if (options.fault === 'repeatToken') {
    const page = all.slice(0, limit).map((p) => toWireParameter(p, withDecryption));
    return { Parameters: page, NextToken: REPEATED_NEXT_TOKEN };
  }

  const offset = token === undefined ? 0 : decodeNextToken(token, path, recursive).offset;
  if (options.fault === 'emptyPage') {
    return { Parameters: [], NextToken: encodeNextToken({ path, recursive, offset }) };
  }
  const page = all.slice(offset, offset + limit).map((p) => toWireParameter(p, withDecryption));
  const next = offset + limit;
  return next < all.length
    ? { Parameters: page, NextToken: encodeNextToken({ path, recursive, offset: next }) }
    : { Parameters: page };
}

/** Applies `{ Key: 'Type', Option: 'Equals', Values: [...] }` filters; other filters are accepted and ignored. */
function filterByType(parameters: StoredParameter[], filters: unknown): StoredParameter[] {
  if (!Array.isArray(filters)) return parameters;
  let result = parameters;
  for (const filter of filters as Array<Record<string, unknown>>) {
    if (filter.Key !== 'Type' || !Array.isArray(filter.Values)) continue;
    const types = new Set(filter.Values as SsmParameterType[]);
    result = result.filter((p) => types.has(p.type));
  }
  return result;
}
