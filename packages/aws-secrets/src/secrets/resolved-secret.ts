import type { SecretFormat } from '../secrets-manager-source-options.js';

/** One secret of the source with its defaults filled in, `{env}` not yet replaced. */
export interface ResolvedSecret {
  readonly id: string;
  /** The dotted key split into segments; `undefined` for the default. */
  readonly key: readonly string[] | undefined;
  readonly stage: string;
  readonly versionId: string | undefined;
  readonly format: SecretFormat;
}

/** A secret as one read asks for it: `{env}` replaced. */
export interface SecretRequest extends ResolvedSecret {
  /** The id with the environment name in it. */
  readonly secretId: string;
}

/** One secret's value as read. */
export interface SecretValue {
  readonly request: SecretRequest;
  readonly name: string;
  readonly arn: string | undefined;
  readonly versionId: string | undefined;
  readonly text: string | undefined;
  readonly binary: Uint8Array | undefined;
}
