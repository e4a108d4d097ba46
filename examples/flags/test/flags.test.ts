import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ConfigValidationError, formatOrigin, type RejectedEvent } from '@strata/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlags } from '@strata/flags';
import { type CheckoutService, startCheckout } from '../src/checkout-service.js';
import { LimitsConfig } from '../src/sections.js';

const run = promisify(execFile);
const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const decideJs = path.join(exampleDir, 'dist', 'decide.js');
const USERS = 10_000;

/** Poll `probe` until it returns something other than undefined. */
async function pollUntil<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = probe();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('examples/flags', () => {
  let workDir: string;
  let configFile: string;
  let service: CheckoutService;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'strata-flags-example-'));
    await cp(path.join(exampleDir, 'config'), path.join(workDir, 'config'), { recursive: true });
    configFile = path.join(workDir, 'config', 'default.yaml');
    service = await startCheckout({ cwd: workDir, watch: true });
  });

  afterAll(async () => {
    await service?.close();
    await rm(workDir, { recursive: true, force: true });
  });

  const answers = (): string => {
    let text = '';
    for (let i = 0; i < USERS; i++) text += service.checkoutFor({ id: `user-${i}` }).value ? '1' : '0';
    return text;
  };

  it('over 10,000 user ids the rollout is 10 % ± 1 %', () => {
    const on = [...answers()].filter((answer) => answer === '1').length;
    expect(on).toBeGreaterThanOrEqual(900);
    expect(on).toBeLessThanOrEqual(1100);
    expect(service.checkoutFor({ id: 'user-1' })).toMatchObject({ reason: 'SPLIT', rule: 'split' });
  });

  it('each id gets the same answer in a second process', async () => {
    if (!existsSync(decideJs)) throw new Error('build the example first: npx tsc -b examples/flags');
    const { stdout } = await run(process.execPath, [decideJs, String(USERS), workDir]);
    expect(stdout.trim()).toBe(answers());
  });

  it('targeting rules come first: staff always, old apps never', () => {
    expect(service.checkoutFor({ id: 'user-1', email: 'ann@example.com' })).toMatchObject({
      value: true,
      reason: 'TARGETING_MATCH',
      rule: 'staff',
    });
    expect(service.checkoutFor({ id: 'user-1', appVersion: '1.9.0' })).toMatchObject({
      value: false,
      rule: 'old-apps',
    });
  });

  it("a tenant's file lays its own values and flag rules over the service's, in that tenant's scope only", async () => {
    const acme = await service.config.scope({ tenant: 'acme' });
    const other = await service.config.scope({ tenant: 'globex' });
    expect(acme.get(LimitsConfig).itemsPerCart).toBe(500);
    expect(other.get(LimitsConfig).itemsPerCart).toBe(50);
    expect(formatOrigin(acme.originOf('limits.itemsPerCart')!)).toMatch(/tenants[\\/]acme\.yaml:\d+:\d+$/);
    // acme's split gives every user the new flow; its staff and old-app rules are still the service's.
    const acmeFlags = createFlags(acme.snapshot);
    const serviceOn = [...answers()].filter((answer) => answer === '1').length;
    let acmeOn = 0;
    for (let i = 0; i < 1_000; i++) {
      if (acmeFlags.evaluate<boolean>('checkout.newFlow', { targetingKey: `user-${i}` }).value) acmeOn++;
    }
    expect(acmeOn).toBe(1_000);
    expect(serviceOn).toBeLessThan(1_100);
    expect(
      acmeFlags.evaluate('checkout.newFlow', { targetingKey: 'user-1', appVersion: '1.9.0' }),
    ).toMatchObject({
      value: false,
      rule: 'old-apps',
    });
    expect(createFlags(other.snapshot).evaluate('checkout.newFlow', { targetingKey: 'user-1' }).value).toBe(
      service.checkoutFor({ id: 'user-1' }).value,
    );
  });

  it('a rule edit in the file applies live, and an invalid rule is rejected with its line while the last good rules stay', async () => {
    const original = await readFile(configFile, 'utf8');
    const generation = service.config.generation;
    await writeFile(
      configFile,
      original.replace('split: { true: 10, false: 90 }', 'split: { true: 50, false: 50 }'),
    );
    await pollUntil('the 50 % rollout', () => (service.config.generation > generation ? true : undefined));
    const on = [...answers()].filter((answer) => answer === '1').length;
    expect(on).toBeGreaterThan(4_800);
    expect(on).toBeLessThan(5_200);

    const rejected: RejectedEvent[] = [];
    const stop = service.config.on('rejected', (event) => rejected.push(event));
    const broken = original
      .replace('split: { true: 10, false: 90 }', 'split: { true: 50, false: 50 }')
      .replace("when: { email: { regex: '@example\\.com$' } }", "when: { email: { regex: '([a-z' } }");
    await writeFile(configFile, broken);
    const event = await pollUntil('the rejected edit', () => rejected[0]);
    stop();
    expect(ConfigValidationError.is(event.error)).toBe(true);
    const issue = (event.error as ConfigValidationError).issues.find(
      (i) => i.path === 'checkout.newFlowRules',
    )!;
    expect(issue.message).toContain('rules[0] ("staff").when.email.regex: not a valid regular expression');
    // The origin is the rule tree's file and line (the tree's last key set: see docs/flags.md).
    const lines = broken.split('\n');
    const [, line] = /default\.yaml:(\d+):\d+$/.exec(formatOrigin(issue.origin!))!;
    const first = lines.findIndex((text) => text.includes('newFlowRules:')) + 1;
    const last = lines.findIndex((text) => text.includes('currency:'));
    expect(Number(line)).toBeGreaterThan(first);
    expect(Number(line)).toBeLessThanOrEqual(last);
    // The 50 % rules stay in force.
    expect([...answers()].filter((answer) => answer === '1').length).toBe(on);
  });
});
