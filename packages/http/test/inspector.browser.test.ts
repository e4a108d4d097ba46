import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { OPERATOR_TOKEN, type Surface, startSurface } from './support/surface.js';
import { SECRET } from './support/sections.js';

// The inspector in a real browser: Debian's Chromium driven by playwright-core, against a real server.
// The screenshot of the page the test ends on is kept beside CI's report (.ci/, not committed), or in
// STRATA_TEST_ARTIFACTS when set.
const artifacts =
  process.env.STRATA_TEST_ARTIFACTS ??
  path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '.ci', 'artifacts');

let browser: Browser;
let surface: Surface | undefined;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await surface?.close();
  surface = undefined;
});

test('the inspector shows values and origins, validates an override as you type, applies it and announces it', async () => {
  surface = await startSurface();
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${surface.base}/ui`);

  // A value and its origin, from a loopback page without a token (reads are open on loopback).
  const port = page.locator('tr[data-path="server.port"]');
  await expect.poll(() => port.locator('td').nth(1).textContent()).toBe('8080');
  expect(await port.locator('td').nth(2).textContent()).toBe('test test:server.port');
  expect(await page.locator('tr[data-path="database.password"] td').nth(1).textContent()).toBe(
    '"[redacted]"',
  );
  await port.click();
  await expect
    .poll(() => page.getByTestId('candidates').textContent())
    .toContain('8080 from test test:server.port');

  // The operator's token, then an invalid override: the error shows inline, nothing applied.
  await page.fill('#token', OPERATOR_TOKEN);
  await page.dispatchEvent('#token', 'change');
  await page.fill('#override-path', 'server.port');
  await page.fill('#override-value', '70000');
  await expect
    .poll(() => page.getByTestId('override-problems').textContent())
    .toContain('server.port: must not be greater than 65535');
  expect(surface.config.generation).toBe(1);

  // A valid one: validated, applied on save, announced over SSE and shown in the table.
  await page.fill('#override-value', '7000');
  await expect.poll(() => page.getByTestId('override-problems').textContent()).toBe('valid');
  await page.click('#override button[type=submit]');
  await expect.poll(() => page.getByTestId('override-problems').textContent()).toBe('applied: generation 2');
  await expect
    .poll(() => page.getByTestId('notices').textContent())
    .toContain('changed → generation 2: server.port');
  await expect.poll(() => port.locator('td').nth(1).textContent()).toBe('7000');
  expect(await port.locator('td').nth(2).textContent()).toBe('override ops-alice');
  await expect.poll(() => page.getByTestId('history').textContent()).toContain('server.port: 8080 → 7000');

  expect(await page.content()).not.toContain(SECRET);
  await mkdir(artifacts, { recursive: true });
  const shot = path.join(artifacts, 'inspector.png');
  await page.screenshot({ path: shot, fullPage: true });
  // A PNG, and of the page as the test left it (not an empty one).
  const png = await readFile(shot);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.byteLength).toBeGreaterThan(10_000);
  expect(errors).toEqual([]);
  await page.close();
}, 60_000);

test('the page is served with a policy that allows only its own script, style and origin', async () => {
  surface = await startSurface();
  const response = await fetch(`${surface.base}/ui`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect((await fetch(`${surface.base}/ui/nope.js`)).status).toBe(404);
});
