import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** The content type of the AWS JSON 1.1 protocol. */
export const AWS_JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** An AWS error answer: thrown by an operation, written by the server. */
export class AwsErrorAnswer extends Error {
  readonly status: number;
  readonly type: string;

  constructor(status: number, type: string, message: string) {
    super(message);
    this.status = status;
    this.type = type;
  }
}

/** `400 ValidationException` with AWS's wording. */
export function validationError(message: string): AwsErrorAnswer {
  return new AwsErrorAnswer(400, 'ValidationException', message);
}

/** Write a JSON 1.1 success answer. */
export function writeJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': AWS_JSON_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
  });
  res.end(text);
}

/** Write a JSON 1.1 error answer: `__type` in the body and the `x-amzn-ErrorType` header, as AWS does. */
export function writeAwsError(res: ServerResponse, error: AwsErrorAnswer): void {
  const text = JSON.stringify({ __type: error.type, message: error.message });
  res.writeHead(error.status, {
    'Content-Type': AWS_JSON_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
    'x-amzn-ErrorType': `${error.type}:http://internal.amazon.com/coral/com.amazonaws.ssm/`,
  });
  res.end(text);
}

/** Write an HTML page, as a proxy or load balancer in front of the endpoint would. */
export function writeHtml(res: ServerResponse, status: number): void {
  const text = `<html>\r\n<head><title>${status} Bad Gateway</title></head>\r\n<body>\r\n<center><h1>${status} Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  res.writeHead(status, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
