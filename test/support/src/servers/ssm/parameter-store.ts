import { createHash } from 'node:crypto';
import type { SsmParameterType, StoredParameter } from './types.js';

/** What a SecureString value starts with when it is read without decryption (like a KMS ciphertext blob). */
export const SSM_TEST_CIPHERTEXT_PREFIX = 'AQICAHh';

/** The in-memory parameter store of the SSM test server. */
export class ParameterStore {
  readonly #parameters = new Map<string, StoredParameter>();
  readonly #region: string;
  readonly #accountId: string;

  constructor(region: string, accountId: string) {
    this.#region = region;
    this.#accountId = accountId;
  }

  put(name: string, value: string, type?: SsmParameterType): StoredParameter {
    const previous = this.#parameters.get(name);
    const stored: StoredParameter = {
      name,
      type: type ?? previous?.type ?? 'String',
      value,
      version: (previous?.version ?? 0) + 1,
      // Whole seconds, as AWS's epoch-seconds timestamps on the wire carry them.
      lastModified: new Date(Math.floor(Date.now() / 1000) * 1000),
      arn: this.#arnOf(name),
    };
    this.#parameters.set(name, stored);
    return stored;
  }

  delete(name: string): boolean {
    return this.#parameters.delete(name);
  }

  get(name: string): StoredParameter | undefined {
    return this.#parameters.get(name);
  }

  /** Parameters under `path`, sorted by name: every descendant, or only direct children. */
  byPath(path: string, recursive: boolean): StoredParameter[] {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    const found: StoredParameter[] = [];
    for (const parameter of this.#parameters.values()) {
      if (!parameter.name.startsWith(prefix)) continue;
      const rest = parameter.name.slice(prefix.length);
      if (rest.length === 0) continue;
      if (!recursive && rest.includes('/')) continue;
      found.push(parameter);
    }
    return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  #arnOf(name: string): string {
    const resource = name.startsWith('/') ? name.slice(1) : name;
    return `arn:aws:ssm:${this.#region}:${this.#accountId}:parameter/${resource}`;
  }
}

/** The wire form of one parameter; a SecureString read without decryption shows a ciphertext-like text. */
export function toWireParameter(
  parameter: StoredParameter,
  withDecryption: boolean,
): Record<string, unknown> {
  const encrypted = parameter.type === 'SecureString' && !withDecryption;
  return {
    Name: parameter.name,
    Type: parameter.type,
    Value: encrypted ? ciphertextOf(parameter) : parameter.value,
    Version: parameter.version,
    LastModifiedDate: parameter.lastModified.getTime() / 1000,
    ARN: parameter.arn,
    DataType: 'text',
  };
}

function ciphertextOf(parameter: StoredParameter): string {
  const digest = createHash('sha256').update(`${parameter.name}@${parameter.version}`).digest('base64');
  return `${SSM_TEST_CIPHERTEXT_PREFIX}${digest}`;
}
