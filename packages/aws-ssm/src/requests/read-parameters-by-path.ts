import { GetParametersByPathCommand } from '@aws-sdk/client-ssm';
import { SourceError } from '@strata/core';
import { prefixOf } from '../parameters/parameter-path.js';
import { sendSsmRequest, type SsmReadContext } from './send-ssm-request.js';
import { type SsmParameter, toSsmParameter } from '../parameters/ssm-parameter.js';

/** The parameters under one path, and how many pages it took. */
export interface PathReadResult {
  readonly parameters: SsmParameter[];
  readonly pages: number;
}

/**
 * Read every parameter under `path` with `GetParametersByPath`, 10 a page. Guards the paging: an empty
 * page with a `NextToken` goes on, a `NextToken` seen before stops with an error instead of looping, and
 * so does needing more than `maxPages` pages. (The SDK's paginator only stops quietly on a repeated token.)
 */
export async function readParametersByPath(
  context: SsmReadContext,
  options: { path: string; recursive: boolean; maxPages: number },
): Promise<PathReadResult> {
  const target = `path ${options.path}`;
  const description = {
    operation: 'GetParametersByPath',
    target,
    resource: `${prefixOf(options.path)}*`,
  } as const;
  const parameters: SsmParameter[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  let pages = 0;
  do {
    if (pages >= options.maxPages) {
      throw new SourceError(
        context.source,
        `GetParametersByPath for ${target}: more than ${options.maxPages} pages (maxPages), ${parameters.length} ` +
          `parameters so far. Narrow the path, or raise maxPages if it really holds more than ${options.maxPages * 10} parameters.`,
      );
    }
    const input = {
      Path: options.path,
      Recursive: options.recursive,
      WithDecryption: context.withDecryption,
      MaxResults: 10,
      ...(token === undefined ? {} : { NextToken: token }),
    };
    const page = await sendSsmRequest(context, description, (client, abortSignal, observer) =>
      client.send(observer.watch(new GetParametersByPathCommand(input)), { abortSignal }),
    );
    pages += 1;
    for (const parameter of page.Parameters ?? []) {
      const converted = toSsmParameter(parameter);
      if (converted) parameters.push(converted);
    }
    token = page.NextToken === undefined || page.NextToken === '' ? undefined : page.NextToken;
    if (token !== undefined) {
      if (seen.has(token)) {
        throw new SourceError(
          context.source,
          `GetParametersByPath for ${target}: the server repeated NextToken "${shorten(token)}" on page ${pages}; ` +
            'stopping instead of looping. Whatever answers at the endpoint is not paging correctly: check the endpoint or proxy.',
        );
      }
      seen.add(token);
    }
  } while (token !== undefined);
  return { parameters, pages };
}

function shorten(token: string): string {
  return token.length > 24 ? `${token.slice(0, 24)}…` : token;
}
