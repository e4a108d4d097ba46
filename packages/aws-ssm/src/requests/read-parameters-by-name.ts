import { GetParametersCommand } from '@aws-sdk/client-ssm';
import { sendSsmRequest, type SsmReadContext } from './send-ssm-request.js';
import { type SsmParameter, toSsmParameter } from '../parameters/ssm-parameter.js';

/** The parameters found, and the names SSM reported as not existing. */
export interface NamesReadResult {
  readonly parameters: SsmParameter[];
  readonly invalid: string[];
}

/** `GetParameters` accepts at most this many names a request. */
const NAMES_PER_REQUEST = 10;

/** Read exactly these parameters with `GetParameters`, 10 names a request. */
export async function readParametersByName(
  context: SsmReadContext,
  names: readonly string[],
): Promise<NamesReadResult> {
  const parameters: SsmParameter[] = [];
  const invalid: string[] = [];
  for (let start = 0; start < names.length; start += NAMES_PER_REQUEST) {
    const chunk = names.slice(start, start + NAMES_PER_REQUEST);
    const description = {
      operation: 'GetParameters',
      target: `parameters ${chunk.join(', ')}`,
      resource: chunk.length === 1 ? (chunk[0] as string) : '<each name>',
    } as const;
    const answer = await sendSsmRequest(context, description, (client, abortSignal, observer) =>
      client.send(
        observer.watch(new GetParametersCommand({ Names: chunk, WithDecryption: context.withDecryption })),
        { abortSignal },
      ),
    );
    for (const parameter of answer.Parameters ?? []) {
      const converted = toSsmParameter(parameter);
      if (converted) parameters.push(asRequested(converted, chunk));
    }
    invalid.push(...(answer.InvalidParameters ?? []));
  }
  return { parameters, invalid };
}

/**
 * A parameter asked for by ARN keeps that ARN as its name, whichever form SSM answers with, so its key
 * follows the ARN rule (the last part of its name) rather than another account's whole hierarchy.
 */
function asRequested(parameter: SsmParameter, requested: readonly string[]): SsmParameter {
  if (parameter.name.startsWith('arn:') || parameter.arn === undefined) return parameter;
  return requested.includes(parameter.arn) ? { ...parameter, name: parameter.arn } : parameter;
}
