import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Config, loadConfig } from '@strata/core';
import { fileSource } from '@strata/file';
import { pause, type TempDir, tempDir } from '@strata-internal/test-support';
import { afterEach, describe, expect, test } from 'vitest';
import {
  type AuditRecord,
  createStrataHandler,
  jsonLinesAuditSink,
  loggerAuditSink,
  type StrataHandler,
} from '../src/index.js';
import { SECRET, sections } from './support/sections.js';
import { OPERATOR_TOKEN, type Surface, startSurface } from './support/surface.js';

let surface: Surface | undefined;
let temp: TempDir | undefined;
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  await surface?.close();
  surface = undefined;
  for (const step of cleanup.splice(0).reverse()) await step();
  await temp?.cleanup();
  temp = undefined;
});

async function records(file: string): Promise<AuditRecord[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as AuditRecord);
}

/** Wait (up to 8 s) for the file watcher's change to reach the trail. */
async function recordsAtLeast(file: string, count: number): Promise<void> {
  for (let waited = 0; (await records(file)).length < count; waited += 50) {
    if (waited > 8000) throw new Error(`fewer than ${count} audit records after 8 s`);
    await pause(50);
  }
}

describe('the audit trail', () => {
  test('API writes are recorded under the token name: override, rejection, rollback, reload; secrets redacted', async () => {
    temp = await tempDir('strata-audit-');
    const file = path.join(temp.dir, 'audit.jsonl');
    surface = await startSurface({ audit: jsonLinesAuditSink({ file }) });
    const put = (target: string, body: unknown) =>
      surface!.call(`/overrides/${target}`, {
        method: 'PUT',
        token: OPERATOR_TOKEN,
        body: JSON.stringify(body),
      });
    await put('server.port', { value: 7000, reason: 'incident 4312' });
    await put('server.port', { value: 0 });
    await put('database.password', { value: 'override-secret-value' });
    await surface.call('/rollback', { method: 'POST', token: OPERATOR_TOKEN, body: '{"generation":1}' });
    await surface.call('/reload', { method: 'POST', token: OPERATOR_TOKEN });
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('override-secret-value');
    const list = await records(file);
    expect(list.map((record) => [record.actor, record.action, record.result, record.generation])).toEqual([
      ['ops-alice', 'override', 'applied', 2],
      ['ops-alice', 'override', 'rejected', 2],
      ['ops-alice', 'override', 'applied', 3],
      ['ops-alice', 'rollback', 'applied', 4],
      ['ops-alice', 'reload', 'unchanged', 4],
    ]);
    expect(list[0]).toMatchObject({
      paths: ['server.port'],
      changes: [{ path: 'server.port', before: 8080, after: 7000 }],
      reasons: ['override: set server.port by ops-alice: incident 4312'],
    });
    expect(Date.parse(list[0]!.time)).not.toBeNaN();
    expect(list[1]).toMatchObject({ paths: ['server.port'], error: { code: 'CONFIG_INVALID' } });
    expect(list[2]!.changes).toEqual([
      { path: 'database.password', before: '[redacted]', after: '[redacted]' },
    ]);
  });

  test('a file edit is recorded with the source as actor; an invalid edit as rejected', async () => {
    temp = await tempDir('strata-audit-file-');
    const dir = path.join(temp.dir, 'config');
    await mkdir(dir);
    await writeFile(
      path.join(dir, 'default.yaml'),
      `server:\n  port: 8080\ndatabase:\n  password: ${SECRET}\n`,
    );
    const config: Config = await loadConfig(
      { sections, sources: [fileSource({ dir: 'config', pollIntervalMs: 500 })] },
      { cwd: temp.dir, env: {}, environment: 'production', watch: true },
    );
    const file = path.join(temp.dir, 'audit.jsonl');
    const handler: StrataHandler = createStrataHandler(config, { audit: jsonLinesAuditSink({ file }) });
    cleanup.push(
      () => config.close(),
      () => handler.close(),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    await writeFile(
      path.join(dir, 'default.yaml'),
      `server:\n  port: 9000\ndatabase:\n  password: rotated-${SECRET}\n`,
    );
    await recordsAtLeast(file, 1);
    await writeFile(path.join(dir, 'default.yaml'), `server:\n  port: 0\ndatabase:\n  password: ${SECRET}\n`);
    await recordsAtLeast(file, 2);
    const list = await records(file);
    expect(list[0]).toMatchObject({
      actor: 'file',
      action: 'source-change',
      result: 'applied',
      generation: 2,
    });
    expect(list[0]!.paths).toEqual(expect.arrayContaining(['server.port', 'database.password']));
    expect(list[1]).toMatchObject({
      actor: 'file',
      action: 'source-change',
      result: 'rejected',
      paths: ['server.port'],
    });
    expect(await readFile(file, 'utf8')).not.toContain(SECRET);
  });

  test('the JSON-lines file rotates by size, keeping the number of files asked', async () => {
    temp = await tempDir('strata-audit-rotate-');
    const file = path.join(temp.dir, 'audit.jsonl');
    surface = await startSurface({
      audit: jsonLinesAuditSink({ file, maxBytes: 600, keep: 2 }),
      writeRate: { burst: 100, perSecond: 100 },
    });
    for (let port = 7000; port < 7012; port++) {
      await surface.call('/overrides/server.port', {
        method: 'PUT',
        token: OPERATOR_TOKEN,
        body: JSON.stringify({ value: port }),
      });
    }
    const names = (await readdir(temp.dir)).sort();
    expect(names).toEqual(['audit.jsonl', 'audit.jsonl.1', 'audit.jsonl.2']);
    for (const name of names) {
      const text = await readFile(path.join(temp.dir, name), 'utf8');
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(600);
      expect(text.endsWith('\n')).toBe(true);
    }
    const newest = await records(file);
    expect(newest.at(-1)!.changes[0]).toMatchObject({ after: 7011 });
  });

  test('a pino-compatible logger receives one info line per record', async () => {
    const lines: { object: { audit: AuditRecord }; message: string }[] = [];
    surface = await startSurface({
      audit: loggerAuditSink({
        info: (object, message) => lines.push({ object: object as { audit: AuditRecord }, message }),
      }),
    });
    await surface.config.overrides.set('log.level', 'debug', { actor: 'deploy-bot' });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.message).toBe('strata audit: override applied by deploy-bot');
    expect(lines[0]!.object.audit).toMatchObject({ action: 'override', paths: ['log.level'] });
  });
});
