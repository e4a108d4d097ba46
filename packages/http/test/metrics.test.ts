import { register } from 'prom-client';
import { afterEach, expect, test } from 'vitest';
import { OPERATOR_TOKEN, READER_TOKEN, type Surface, startSurface } from './support/surface.js';
import { SECRET } from './support/sections.js';

let surface: Surface;
afterEach(async () => {
  await surface?.close();
});

/** The value of one sample line (`name{labels} value`) in Prometheus text. */
function sample(text: string, line: string): number | undefined {
  const found = text.split('\n').find((candidate) => candidate.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

test('GET /metrics: reloads by result, durations, fetches, last success, generation, hash, rejections, section reads', async () => {
  surface = await startSurface();
  const server = { port: 0 };
  const counted = surface.handler.access.count('server', {
    get current() {
      return server;
    },
  });
  for (let i = 0; i < 3; i++) void counted.current.port;

  surface.source.set('server.port', 9000);
  await surface.call('/reload', { method: 'POST', token: OPERATOR_TOKEN });
  await surface.call('/reload', { method: 'POST', token: OPERATOR_TOKEN });
  await surface.call('/overrides/server.port', {
    method: 'PUT',
    token: OPERATOR_TOKEN,
    body: '{"value": 0}',
  });
  surface.source.failing = true;
  await surface.config.reload();

  const response = await surface.call('/metrics', { token: READER_TOKEN });
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
  const text = await response.text();
  expect(sample(text, 'strata_reloads_total{result="changed"}')).toBe(1);
  expect(sample(text, 'strata_reloads_total{result="unchanged"}')).toBe(1);
  expect(sample(text, 'strata_reloads_total{result="rejected"}')).toBe(1);
  expect(sample(text, 'strata_rejected_changes_total')).toBe(1);
  expect(sample(text, 'strata_reload_duration_seconds_count{action="reload"}')).toBe(2);
  expect(sample(text, 'strata_reload_duration_seconds_count{action="override"}')).toBe(1);
  // The changed reload and the unchanged one fetched it; the failed reload did not.
  expect(sample(text, 'strata_source_fetches_total{source="test",result="success"}')).toBe(2);
  expect(sample(text, 'strata_source_fetches_total{source="test",result="failure"}')).toBe(1);
  expect(sample(text, 'strata_source_last_success_timestamp_seconds{source="test"}')).toBeGreaterThan(
    1_700_000_000,
  );
  expect(sample(text, 'strata_config_generation')).toBe(2);
  expect(text).toMatch(/^strata_config_info\{environment="test",hash="[0-9a-f]{16}"\} 1$/m);
  expect(sample(text, 'strata_section_reads_total{section="server"}')).toBe(3);
  expect(text).not.toContain(SECRET);
});

test('the metrics live in their own registry, never the global one', async () => {
  surface = await startSurface();
  expect(await register.metrics()).not.toContain('strata_');
  expect(await surface.handler.registry.metrics()).toContain('strata_config_generation');
});

test('a secret change does not change the config hash (it hashes the redacted tree)', async () => {
  surface = await startSurface();
  const hash = async () => /hash="([0-9a-f]+)"/.exec(await surface.handler.registry.metrics())![1];
  const before = await hash();
  surface.source.set('database.password', 'another-secret-value');
  await surface.config.reload();
  expect(surface.config.generation).toBe(2);
  expect(await hash()).toBe(before);
  surface.source.set('server.port', 9999);
  await surface.config.reload();
  expect(await hash()).not.toBe(before);
});
