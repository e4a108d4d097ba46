import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Config } from '@strata/core';
import { createStrataHandler, jsonLinesAuditSink, loggerAuditSink, toNodeListener } from '@strata/http';
import { strata } from '@strata-internal/test-support/cli';

/** Everything the leak matrix checks from @strata/http, as text. */
export interface HttpSurfaceOutputs {
  reads: string;
  metrics: string;
  writes: string;
  events: string;
  auditFile: string;
  auditLog: string;
  ui: string;
  auditCli: string;
}

const READER = 'leak-matrix-reader-token-0001';
const OPERATOR = 'leak-matrix-operator-token-0001';

/**
 * The leak matrix's @strata/http scenario: a handler over a configuration loaded from every source row, on a
 * real server, with an SSE client connected; writes that apply and writes that are refused (an override of a
 * secret, validation of a secret, a reload of broken inputs and of good ones, a rollback); then every GET
 * endpoint, the metrics, the audit file and logger lines, and `strata audit` over the file.
 */
export async function runHttpSurface(scenario: {
  readonly dir: string;
  load(): Promise<Config>;
  readonly overrideCanary: string;
  readonly overlayCanary: string;
  readonly reject: string;
  readonly secretPaths: readonly string[];
  /** Set every mutable input to its canary plus `suffix`. */
  setAll(suffix: string): Promise<void>;
}): Promise<HttpSurfaceOutputs> {
  const config = await scenario.load();
  const auditPath = join(scenario.dir, 'http-audit.jsonl');
  const logLines: string[] = [];
  const handler = createStrataHandler(config, {
    tokens: [
      { name: 'matrix-reader', role: 'reader', token: READER },
      { name: 'matrix-operator', role: 'operator', token: OPERATOR },
    ],
    audit: [
      jsonLinesAuditSink({ file: auditPath }),
      loggerAuditSink({ info: (object, message) => logLines.push(`${message} ${JSON.stringify(object)}`) }),
    ],
    environments: { names: [config.environment], load: () => scenario.load() },
    writeRate: { burst: 100, perSecond: 100 },
  });
  const server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${handler.prefix}`;
  const call = async (path: string, init: RequestInit & { token?: string } = {}): Promise<string> => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${init.token ?? OPERATOR}`);
    if (init.body) headers.set('content-type', 'application/json');
    const response = await fetch(`${base}${path}`, { ...init, headers });
    return `${response.status} ${[...response.headers].join(' ')}\n${await response.text()}`;
  };

  const stream = await fetch(`${base}/events`, { headers: { authorization: `Bearer ${READER}` } });
  const reader = stream.body!.getReader();
  let events = '';
  const reading = (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      events += new TextDecoder().decode(value);
    }
  })();

  const writes: string[] = [];
  let outputs: Omit<HttpSurfaceOutputs, 'events'>;
  try {
    const put = (path: string, value: unknown) =>
      call(`/overrides/${path}`, { method: 'PUT', body: JSON.stringify({ value, reason: 'leak matrix' }) });
    writes.push(await put('override.secret', scenario.overrideCanary));
    writes.push(await put('override.secret', `${scenario.overrideCanary}${scenario.reject}`));
    const validate = (secret: string) =>
      call('/validate', { method: 'POST', body: JSON.stringify({ values: { overlay: { secret } } }) });
    writes.push(await validate(scenario.overlayCanary));
    writes.push(await validate(`${scenario.overlayCanary}${scenario.reject}`));
    await scenario.setAll(scenario.reject);
    writes.push(await call('/reload', { method: 'POST' }));
    await scenario.setAll('-v3');
    writes.push(await call('/reload', { method: 'POST' }));
    writes.push(await call('/rollback', { method: 'POST', body: JSON.stringify({ generation: 1 }) }));
    writes.push(await call('/overrides/override.secret', { method: 'DELETE' }));
    await scenario.setAll('-v2');

    const reads: string[] = [];
    const generation = config.generation;
    for (const path of [
      '/',
      '/health/live',
      '/health/ready',
      '/config',
      '/overrides',
      '/history',
      `/diff?from=1&to=${generation}`,
      `/diff?from=${generation}&to=1`,
      '/schema',
      '/environments',
      `/environments/${config.environment}`,
      ...scenario.secretPaths.map((path) => `/config/${path}`),
    ]) {
      reads.push(await call(path, { token: READER }));
    }
    const metrics = await call('/metrics', { token: READER });
    const ui = (await Promise.all(['/ui', '/ui/app.js', '/ui/style.css'].map((path) => call(path)))).join(
      '\n',
    );
    const auditFile = await readFile(auditPath, 'utf8');
    const text = await strata(['audit', '--file', auditPath], { cwd: scenario.dir });
    const json = await strata(['audit', '--file', auditPath, '--format', 'json'], { cwd: scenario.dir });
    if (text.code !== 0 || !auditFile.includes('"result":"rejected"')) {
      throw new Error(`the HTTP scenario did not run as planned: ${text.stderr}`);
    }
    outputs = {
      reads: reads.join('\n'),
      metrics,
      writes: writes.join('\n'),
      auditFile,
      auditLog: logLines.join('\n'),
      ui,
      auditCli: [text.stdout, text.stderr, json.stdout, json.stderr].join('\n'),
    };
  } finally {
    handler.close();
    await reading;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await config.close();
  }
  // Not vacuous: the stream carried the applied and the refused changes.
  if (!events.includes('event: changed') || !events.includes('event: rejected')) {
    throw new Error(`the event stream missed changes: ${events.slice(0, 200)}`);
  }
  return { ...outputs, events };
}
