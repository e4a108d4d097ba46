import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsErrorAnswer, writeAwsError, writeHtml, writeJson } from './aws-json.js';
import { FaultQueue, type QueuedFault } from './fault-queue.js';
import { getParameters } from './get-parameters.js';
import { getParametersByPath } from './get-parameters-by-path.js';
import { ParameterStore } from './parameter-store.js';
import type {
  SsmFaultKind,
  SsmFaultOptions,
  SsmRequestLogEntry,
  SsmTestServer,
  SsmTestServerOptions,
} from './types.js';

const TARGET_PREFIX = 'AmazonSSM.';

/**
 * Start an in-process server that speaks the AWS JSON 1.1 protocol of SSM Parameter Store
 * (`GetParametersByPath`, `GetParameters`) on 127.0.0.1 and a free port, so the real `@aws-sdk/client-ssm`
 * can be driven against it. Signatures are not verified. Stop it with {@link SsmTestServer.stop}.
 *
 * @example
 * const server = await startSsmTestServer({ parameters: { '/app/dev/database/port': '5432' } });
 * const client = new SSMClient(server.clientOptions);
 */
export async function startSsmTestServer(options: SsmTestServerOptions = {}): Promise<SsmTestServer> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const store = new ParameterStore(region, accountId);
  for (const [name, seed] of Object.entries(options.parameters ?? {})) {
    if (typeof seed === 'string') store.put(name, seed);
    else store.put(name, seed.value, seed.type);
  }
  const faults = new FaultQueue();
  const log: SsmRequestLogEntry[] = [];
  const waiters = new Set<() => void>();

  const record = (entry: SsmRequestLogEntry): void => {
    log.push(entry);
    for (const waiter of [...waiters]) waiter();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const text = await readBody(req);
    const target = headerOf(req, 'x-amz-target') ?? '';
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
    const body = parseJson(text);
    const sdkRequest = headerOf(req, 'amz-sdk-request');
    const fault = faults.take(operation);
    const entry: SsmRequestLogEntry = {
      target,
      operation,
      body,
      sdkRequest,
      attempt: numberIn(sdkRequest, 'attempt'),
      maxAttempts: numberIn(sdkRequest, 'max'),
      authorized: req.headers.authorization !== undefined,
      credentialScope: credentialScopeOf(headerOf(req, 'authorization')),
      sessionToken: req.headers['x-amz-security-token'] !== undefined,
      fault: fault?.kind,
      status: undefined,
      receivedAt: Date.now(),
    };
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    record(entry);

    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'html') return writeHtml(res, fault.options.status ?? 502);
    try {
      const injected = fault && errorFor(fault, operation, body, region, accountId);
      if (injected) throw injected;
      if (req.method !== 'POST' || req.url !== '/') {
        throw new AwsErrorAnswer(404, 'UnknownOperationException', `${req.method} ${req.url} is not served`);
      }
      if (!isRecord(body)) throw new AwsErrorAnswer(400, 'SerializationException', 'The body is not JSON');
      if (operation === 'GetParametersByPath') {
        const pageFault =
          fault?.kind === 'emptyPage' || fault?.kind === 'repeatToken' ? fault.kind : undefined;
        return writeJson(
          res,
          200,
          getParametersByPath(store, body, { pageSize: options.pageSize, fault: pageFault }),
        );
      }
      if (operation === 'GetParameters') return writeJson(res, 200, getParameters(store, body));
      throw new AwsErrorAnswer(400, 'UnknownOperationException', `The operation "${target}" is not served`);
    } catch (error) {
      if (error instanceof AwsErrorAnswer) return writeAwsError(res, error);
      throw error;
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) writeAwsError(res, new AwsErrorAnswer(500, 'InternalServerError', String(error)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;
  let stopped: Promise<void> | undefined;

  return {
    endpoint,
    port,
    clientOptions: { endpoint, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } },
    requestLog: log,
    put: (name, value, type) => store.put(name, value, type),
    delete: (name) => store.delete(name),
    get: (name) => store.get(name),
    label: (name, labels, version) => store.label(name, labels, version),
    fail(kind: SsmFaultKind, faultOptions: SsmFaultOptions = {}) {
      const pageOnly = kind === 'emptyPage' || kind === 'repeatToken';
      faults.add(kind, pageOnly ? { operation: 'GetParametersByPath', ...faultOptions } : faultOptions);
    },
    clearFaults: () => faults.clear(),
    clearLog: () => {
      log.length = 0;
    },
    waitForRequests(count, waitOptions = {}) {
      const filter = waitOptions.filter ?? (() => true);
      const timeoutMs = waitOptions.timeoutMs ?? 10_000;
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (log.filter(filter).length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `SSM test server: ${log.filter(filter).length} of ${count} requests after ${timeoutMs} ms`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hanging requests and idle keep-alive sockets would hold close() open forever.
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}

function errorFor(
  fault: QueuedFault,
  operation: string,
  body: unknown,
  region: string,
  accountId: string,
): AwsErrorAnswer | undefined {
  const message = fault.options.message;
  switch (fault.kind) {
    case 'throttle':
      return new AwsErrorAnswer(400, 'ThrottlingException', message ?? 'Rate exceeded');
    case 'accessDenied': {
      const path = isRecord(body) && typeof body.Path === 'string' ? body.Path : '/*';
      const resource = `arn:aws:ssm:${region}:${accountId}:parameter${path}`;
      return new AwsErrorAnswer(
        400,
        'AccessDeniedException',
        message ??
          `User: arn:aws:sts::${accountId}:assumed-role/strata-test/session is not authorized to perform: ` +
            `ssm:${operation} on resource: ${resource} because no identity-based policy allows the ssm:${operation} action`,
      );
    }
    case 'validation':
      return new AwsErrorAnswer(400, 'ValidationException', message ?? 'The request is not valid.');
    case 'internalError':
      return new AwsErrorAnswer(500, 'InternalServerError', message ?? 'An internal error occurred.');
    default:
      return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(text: string): unknown {
  try {
    return text.length === 0 ? {} : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** `Credential=AKID/20261204/eu-west-1/ssm/aws4_request` → the key id and region. */
function credentialScopeOf(
  authorization: string | undefined,
): { accessKeyId: string; region: string } | undefined {
  const match = authorization?.match(/Credential=([^/]+)\/\d{8}\/([^/]+)\//);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { accessKeyId: match[1], region: match[2] };
}

function numberIn(header: string | undefined, key: string): number | undefined {
  const match = header?.match(new RegExp(`(?:^|;)\\s*${key}=(\\d+)`));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
