import { createHash } from 'node:crypto';
import type { SsmParameterType, StoredParameter } from './types.js';

/** What a SecureString value starts with when it is read without decryption (like a KMS ciphertext blob). */
export const SSM_TEST_CIPHERTEXT_PREFIX = 'AQICAHh';

/** The in-memory parameter store of the SSM test server. */
export class ParameterStore {
  /** Every version of every parameter, oldest first; the last one is current. */
  readonly #parameters = new Map<string, StoredParameter[]>();
  readonly #region: string;
  readonly #accountId: string;

  constructor(region: string, accountId: string) {
    this.#region = region;
    this.#accountId = accountId;
  }

  put(name: string, value: string, type?: SsmParameterType): StoredParameter {
    const history = this.#parameters.get(name) ?? [];
    const previous = history.at(-1);
    const stored: StoredParameter = {
      name,
      type: type ?? previous?.type ?? 'String',
      value,
      version: (previous?.version ?? 0) + 1,
      // Whole seconds, as AWS's epoch-seconds timestamps on the wire carry them.
      lastModified: new Date(Math.floor(Date.now() / 1000) * 1000),
      arn: this.#arnOf(name),
      labels: [],
    };
    this.#parameters.set(name, [...history, stored]);
    return stored;
  }

  /** Put labels on one version, moving them off the parameter's other versions. */
  label(name: string, labels: readonly string[], version?: number): boolean {
    const history = this.#parameters.get(name);
    const target = version ?? history?.at(-1)?.version;
    if (history === undefined || !history.some((p) => p.version === target)) return false;
    this.#parameters.set(
      name,
      history.map((p) => {
        const kept = p.labels.filter((l) => !labels.includes(l));
        return { ...p, labels: p.version === target ? [...kept, ...labels] : kept };
      }),
    );
    return true;
  }

  /** One version of a parameter: by number, by label, or the current one. */
  version(name: string, selector?: { version?: number; label?: string }): StoredParameter | undefined {
    const history = this.#parameters.get(name);
    if (history === undefined) return undefined;
    if (selector?.version !== undefined) return history.find((p) => p.version === selector.version);
    if (selector?.label !== undefined)
      return history.find((p) => p.labels.includes(selector.label as string));
    return history.at(-1);
  }

  /** The parameter name inside an ARN of this server's region and account; `undefined` for others. */
  nameOfArn(arn: string): string | undefined {
    const prefix = `arn:aws:ssm:${this.#region}:${this.#accountId}:parameter`;
    if (!arn.startsWith(`${prefix}/`)) return undefined;
    const rest = arn.slice(prefix.length + 1);
    return this.#parameters.has(`/${rest}`) ? `/${rest}` : rest;
  }

  delete(name: string): boolean {
    return this.#parameters.delete(name);
  }

  get(name: string): StoredParameter | undefined {
    return this.#parameters.get(name)?.at(-1);
  }

  /**
   * Parameters under `path`, sorted by name: every descendant, or only direct children. The current
   * versions, or with `label` the version carrying it (parameters without it are left out), as the `Label`
   * filter does.
   */
  byPath(path: string, recursive: boolean, label?: readonly string[]): StoredParameter[] {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    const found: StoredParameter[] = [];
    for (const history of this.#parameters.values()) {
      const parameter =
        label === undefined ? history.at(-1) : history.find((p) => p.labels.some((l) => label.includes(l)));
      if (parameter === undefined) continue;
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
  request: { name?: string; selector?: string } = {},
): Record<string, unknown> {
  const encrypted = parameter.type === 'SecureString' && !withDecryption;
  return {
    Name: request.name ?? parameter.name,
    ...(request.selector === undefined ? {} : { Selector: request.selector }),
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
