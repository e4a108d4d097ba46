import { validationError } from './aws-json.js';
import { type ParameterStore, toWireParameter } from './parameter-store.js';

/**
 * `AmazonSSM.GetParameters`: the named parameters, and the names that do not exist. A name may carry a
 * selector (`name:3` for a version, `name:prod` for a label) and may be a full ARN; the answer's `Name` is
 * the name as asked (an ARN stays an ARN), its `Selector` the `:3` part, as AWS answers them.
 */
export function getParameters(store: ParameterStore, body: Record<string, unknown>): Record<string, unknown> {
  const names = body.Names;
  if (!Array.isArray(names) || names.length === 0 || names.some((n) => typeof n !== 'string')) {
    throw validationError(
      "1 validation error detected: Value null at 'names' failed to satisfy constraint: Member must not be null",
    );
  }
  if (names.length > 10) {
    throw validationError(
      `1 validation error detected: Value '[${names.join(', ')}]' at 'names' failed to satisfy constraint: ` +
        'Member must have length less than or equal to 10',
    );
  }
  const withDecryption = body.WithDecryption === true;
  const parameters: Record<string, unknown>[] = [];
  const invalid: string[] = [];
  for (const asked of names as string[]) {
    const { name, selector } = splitSelector(asked);
    const own = name.startsWith('arn:') ? store.nameOfArn(name) : name;
    const version =
      selector === undefined ? undefined : /^\d+$/.test(selector) ? Number(selector) : undefined;
    const label = selector !== undefined && version === undefined ? selector : undefined;
    const stored =
      own === undefined
        ? undefined
        : store.version(own, {
            ...(version === undefined ? {} : { version }),
            ...(label === undefined ? {} : { label }),
          });
    if (stored === undefined) {
      invalid.push(asked);
      continue;
    }
    parameters.push(
      toWireParameter(stored, withDecryption, {
        name,
        ...(selector === undefined ? {} : { selector: `:${selector}` }),
      }),
    );
  }
  // "The results for GetParameters requests are listed in alphabetical order" (the API reference).
  parameters.sort((a, b) => String(a.Name).localeCompare(String(b.Name)));
  return { Parameters: parameters, InvalidParameters: invalid };
}

/** `name:selector` → its parts; the colons of an ARN before `parameter/` are not selectors. */
function splitSelector(asked: string): { name: string; selector: string | undefined } {
  const start = asked.startsWith('arn:') ? Math.max(0, asked.indexOf(':parameter/') + 1) : 0;
  const colon = asked.indexOf(':', start);
  if (colon < 0) return { name: asked, selector: undefined };
  return { name: asked.slice(0, colon), selector: asked.slice(colon + 1) };
}
