/**
 * `pnpm --filter @strata-examples/live-service run screenshot [out.png]`: starts this service on a free port,
 * sets a runtime override through the operations surface as the on-call operator, opens the web inspector
 * in Debian's Chromium (playwright-core, no browser download) and writes a PNG of it — the picture in this
 * example's README and docs/operations.md (default: docs/img/inspector.png at the repository's root).
 */
import path from 'node:path';
import { chromium } from 'playwright-core';
import { exampleDir, startService } from './start-service.js';

const out = path.resolve(
  process.argv[2] ?? path.join(exampleDir, '..', '..', 'docs', 'img', 'inspector.png'),
);
const tokens = { reader: 'dashboard-token-0123456789', operator: 'on-call-token-0123456789' };

const service = await startService({ cwd: exampleDir, port: 0, log: () => {}, tokens });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 540 } });
  await page.goto(`${service.url}/strata/ui`);
  await page.locator('tr[data-path="upstream.apiKey"]').waitFor();
  // An override set while the page is open: it shows in the table, the history and the notifications.
  const set = await fetch(`${service.url}/strata/overrides/greeting.text`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${tokens.operator}`, 'content-type': 'application/json' },
    body: JSON.stringify({ value: 'hello from on-call', ttl: 600, reason: 'demo' }),
  });
  if (set.status !== 200) throw new Error(`the override was refused: ${set.status} ${await set.text()}`);
  await page.getByTestId('notices').filter({ hasText: 'greeting.text' }).waitFor();
  await page.locator('tr[data-path="greeting.text"]').click();
  await page.getByTestId('candidates').filter({ hasText: 'hello from on-call' }).waitFor();
  const secret = await page.locator('tr[data-path="upstream.apiKey"] td').nth(1).textContent();
  if (secret !== '"[redacted]"') throw new Error(`upstream.apiKey shows ${secret}, not "[redacted]"`);
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await service.close();
}
