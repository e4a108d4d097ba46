import type { Parameter } from '@aws-sdk/client-ssm';

/** One parameter as the source keeps it: what a layer and the change check need, nothing more. */
export interface SsmParameter {
  readonly name: string;
  readonly type: 'String' | 'StringList' | 'SecureString';
  readonly value: string;
  readonly version: number | undefined;
  readonly arn: string | undefined;
}

/** The SDK's parameter, or `undefined` when it has no name or value (SSM always sends both). */
export function toSsmParameter(parameter: Parameter): SsmParameter | undefined {
  if (parameter.Name === undefined || parameter.Value === undefined) return undefined;
  const type =
    parameter.Type === 'StringList' || parameter.Type === 'SecureString' ? parameter.Type : 'String';
  return {
    name: parameter.Name,
    type,
    value: parameter.Value,
    version: parameter.Version,
    arn: parameter.ARN,
  };
}
