import { AwsErrorAnswer, validationError } from './aws-json.js';
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

  const filters = readFilters(body.ParameterFilters);
  const all = filterByType(store.byPath(path, recursive, filters.label), filters.types);
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

/** The keys `GetParametersByPath` accepts (the API reference: "Type, KeyId, and Label"). */
const PATH_FILTER_KEYS = new Set(['Type', 'KeyId', 'Label']);

/** What the filters ask for; an unsupported key is `InvalidFilterKey`, as AWS answers it. */
function readFilters(filters: unknown): { types?: Set<SsmParameterType>; label?: string[] } {
  if (filters === undefined) return {};
  if (!Array.isArray(filters)) throw validationError("Value at 'parameterFilters' must be a list");
  const result: { types?: Set<SsmParameterType>; label?: string[] } = {};
  for (const filter of filters as Array<Record<string, unknown>>) {
    const key = filter.Key;
    if (typeof key !== 'string' || !PATH_FILTER_KEYS.has(key)) {
      throw new AwsErrorAnswer(
        400,
        'InvalidFilterKey',
        `The following filter key is not valid: ${String(key)}. Valid filter keys include: [Type, KeyId, Label].`,
      );
    }
    const values = Array.isArray(filter.Values) ? filter.Values.filter((v) => typeof v === 'string') : [];
    if (values.length === 0) {
      throw new AwsErrorAnswer(400, 'InvalidFilterValue', `The filter ${key} needs at least one value.`);
    }
    if (key === 'Type') result.types = new Set(values as SsmParameterType[]);
    if (key === 'Label') result.label = values as string[];
    // KeyId: the test server has no KMS keys, so every SecureString uses the default key and the filter passes.
  }
  return result;
}

function filterByType(
  parameters: StoredParameter[],
  types: Set<SsmParameterType> | undefined,
): StoredParameter[] {
  return types === undefined ? parameters : parameters.filter((p) => types.has(p.type));
}
