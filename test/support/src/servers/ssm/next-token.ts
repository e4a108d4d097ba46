import { AwsErrorAnswer } from './aws-json.js';

/** The token a `repeatToken` fault answers with, every time. */
export const REPEATED_NEXT_TOKEN = 'strata-test-repeated-next-token';

/** Where a `GetParametersByPath` listing goes on. */
export interface PageCursor {
  readonly path: string;
  readonly recursive: boolean;
  readonly offset: number;
}

let nonce = 0;

/** An opaque token for a cursor. Every token is distinct, even for the same position (as AWS's are). */
export function encodeNextToken(cursor: PageCursor): string {
  nonce += 1;
  const payload = { p: cursor.path, r: cursor.recursive, o: cursor.offset, n: nonce };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/** The cursor of a token; `InvalidNextToken` when it is not one of ours or belongs to another listing. */
export function decodeNextToken(token: string, path: string, recursive: boolean): PageCursor {
  try {
    const payload = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (payload.p === path && payload.r === recursive && typeof payload.o === 'number' && payload.o >= 0) {
      return { path, recursive, offset: payload.o };
    }
  } catch {
    // Falls through to the same answer AWS gives for any token it did not issue.
  }
  throw new AwsErrorAnswer(400, 'InvalidNextToken', 'The specified token is not valid.');
}
