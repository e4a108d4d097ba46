import { validationError } from './aws-json.js';
import { type ParameterStore, toWireParameter } from './parameter-store.js';

/** `AmazonSSM.GetParameters`: the named parameters, and the names that do not exist. */
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
  for (const name of names as string[]) {
    const stored = store.get(name);
    if (stored) parameters.push(toWireParameter(stored, withDecryption));
    else invalid.push(name);
  }
  return { Parameters: parameters, InvalidParameters: invalid };
}
