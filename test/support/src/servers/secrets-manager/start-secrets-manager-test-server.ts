import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AWS_JSON_CONTENT_TYPE, AwsErrorAnswer, writeJson } from '../ssm/aws-json.js';
import { batchGetSecretValue, describeSecret, getSecretValue, listSecretVersionIds } from './operations.js';
import { SecretStore } from './secret-store.js';
import type {
  SecretsManagerFaultKind,
  SecretsManagerFaultOptions,
  SecretsManagerRequestLogEntry,
  SecretsManagerTestServer,
  SecretsManagerTestServerOptions,
} from './types.js';

const TARGET_PREFIX = 'secretsmanager.';

const OPERATIONS: Readonly<
  Record<string, (store: SecretStore, body: Record<string, unknown>) => Record<string, unknown>>
> = {
  GetSecretValue: getSecretValue,
  BatchGetSecretValue: batchGetSecretValue,
  DescribeSecret: describeSecret,
  ListSecretVersionIds: listSecretVersionIds,
};

interface QueuedFault {
  readonly kind: SecretsManagerFaultKind;
  readonly operation: string | undefined;
  remaining: number;
}

/**
 * Start an in-process server that speaks the AWS JSON 1.1 protocol of Secrets Manager
 * (`X-Amz-Target: secretsmanager.GetSecretValue`, `BatchGetSecretValue`, `DescribeSecret`,
 * `ListSecretVersionIds`) on 127.0.0.1 and a free port, so the real `@aws-sdk/client-secrets-manager` can be
 * driven against it, with rotation (a new version takes `AWSCURRENT`, the old one `AWSPREVIOUS`) and faults.
 * Signatures are not verified.
 *
 * @example
 * const server = await startSecretsManagerTestServer({ secrets: { 'app/db': '{"password":"pw"}' } });
 * const client = new SecretsManagerClient(server.clientOptions);
 */
export async function startSecretsManagerTestServer(
  options: SecretsManagerTestServerOptions = {},
): Promise<SecretsManagerTestServer> {
  const region = options.region ?? 'us-east-1';
  const store = new SecretStore(region, options.accountId ?? '123456789012');
  for (const [name, value] of Object.entries(options.secrets ?? {})) store.create(name, value);
  let faults: QueuedFault[] = [];
  const log: SecretsManagerRequestLogEntry[] = [];

  const takeFault = (operation: string): QueuedFault | undefined => {
    const fault = faults.find((f) => f.operation === undefined || f.operation === operation);
    if (fault === undefined) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) faults = faults.filter((f) => f !== fault);
    return fault;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const text = await readBody(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
    const body = parseJson(text);
    const fault = takeFault(operation);
    const attempt = /attempt=(\d+)/.exec(String(req.headers['amz-sdk-request'] ?? ''))?.[1];
    const entry: SecretsManagerRequestLogEntry = {
      operation,
      body,
      attempt: attempt === undefined ? undefined : Number(attempt),
      fault: fault?.kind,
      status: undefined,
    };
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    log.push(entry);
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    try {
      if (fault !== undefined) throw faultAnswer(fault.kind, operation);
      const run = OPERATIONS[operation];
      if (req.method !== 'POST' || run === undefined) {
        throw new AwsErrorAnswer(400, 'UnknownOperationException', `The operation "${target}" is not served`);
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new AwsErrorAnswer(400, 'SerializationException', 'The body is not JSON');
      }
      writeJson(res, 200, run(store, body as Record<string, unknown>));
    } catch (error) {
      if (!(error instanceof AwsErrorAnswer)) throw error;
      writeError(res, error);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) writeError(res, new AwsErrorAnswer(500, 'InternalServiceError', String(error)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let stopped: Promise<void> | undefined;

  return {
    endpoint,
    clientOptions: { endpoint, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } },
    requestLog: log,
    create: (name, value) => store.create(name, value),
    rotate: (name, value) => store.rotate(name, value),
    stage: (name, stage, versionId) => store.stage(name, stage, versionId),
    delete: (name) => store.delete(name),
    get: (name) => store.get(name),
    fail(kind: SecretsManagerFaultKind, faultOptions: SecretsManagerFaultOptions = {}) {
      const times = faultOptions.times ?? 1;
      if (!(times > 0)) throw new RangeError(`fault "${kind}": times must be positive, got ${times}`);
      faults.push({ kind, operation: faultOptions.operation, remaining: times });
    },
    clearFaults: () => {
      faults = [];
    },
    clearLog: () => {
      log.length = 0;
    },
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}

function faultAnswer(kind: SecretsManagerFaultKind, operation: string): AwsErrorAnswer {
  switch (kind) {
    case 'throttle':
      return new AwsErrorAnswer(400, 'ThrottlingException', 'Rate exceeded');
    case 'accessDenied':
      return new AwsErrorAnswer(
        400,
        'AccessDeniedException',
        `User: arn:aws:sts::123456789012:assumed-role/strata-test/session is not authorized to perform: secretsmanager:${operation} because no identity-based policy allows the secretsmanager:${operation} action`,
      );
    case 'decryptionFailure':
      return new AwsErrorAnswer(
        400,
        'DecryptionFailure',
        "Secrets Manager can't decrypt the protected secret text using the provided KMS key.",
      );
    default:
      return new AwsErrorAnswer(500, 'InternalServiceError', 'An error occurred on the server side.');
  }
}

/** A JSON 1.1 error: `__type` in the body and the `x-amzn-ErrorType` header, as AWS sends them. */
function writeError(res: ServerResponse, error: AwsErrorAnswer): void {
  const text = JSON.stringify({ __type: error.type, message: error.message });
  res.writeHead(error.status, {
    'Content-Type': AWS_JSON_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
    'x-amzn-ErrorType': `${error.type}:`,
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return text.length === 0 ? {} : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}
