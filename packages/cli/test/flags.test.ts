import { assertBuilt, fixture, type RunResult, startRuns } from '@strata-internal/test-support/cli';
import { beforeAll, describe, expect, it } from 'vitest';

const cwd = fixture('flags');
const specs = {
  list: [['flags', 'list'], { cwd }],
  staff: [
    [
      'flags',
      'explain',
      'features.newCheckout',
      '--context',
      '{"email":"ann@example.com","targetingKey":"u-1"}',
    ],
    { cwd },
  ],
  split: [
    [
      'flags',
      'explain',
      'features.newCheckout',
      '--context',
      '{"targetingKey":"user-7"}',
      '--format',
      'json',
    ],
    { cwd },
  ],
  rulesOnly: [['flags', 'explain', 'features.newCheckout'], { cwd }],
  notAFlag: [['flags', 'explain', 'features.title'], { cwd }],
  badContext: [['flags', 'explain', 'features.newCheckout', '--context', '[1,2]'], { cwd }],
  explain: [['explain', 'features.newCheckout'], { cwd }],
  explainJson: [['explain', 'features.newCheckout', '--format', 'json'], { cwd }],
  envRules: [
    ['flags', 'explain', 'features.banner', '--context', '{"targetingKey":"u"}'],
    { cwd, env: { APP_FEATURES__BANNER_RULES: '{"split":{"blue":100}}' } },
  ],
} as const;

let runs: Record<keyof typeof specs, Promise<RunResult>>;
beforeAll(() => {
  assertBuilt();
  runs = startRuns(specs);
});

describe('strata flags', () => {
  it('lists the flags with type, rules and description', async () => {
    const result = await runs.list;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/features\.newCheckout\s+boolean\s+3 rules\s+The new checkout flow/);
    expect(result.stdout).toMatch(/features\.banner\s+string\s+static\s+The banner colour/);
  });

  it('explains a flag for a context: value, reason, the deciding rule and every condition', async () => {
    const result = await runs.staff;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('features.newCheckout = true (variant "true")');
    expect(result.stdout).toContain('reason:       TARGETING_MATCH (rule "staff")');
    expect(result.stdout).toMatch(
      /rules at: +features\.newCheckoutRules \(file config\/default\.yaml:\d+:\d+\)/,
    );
    expect(result.stdout).toContain('✓ 1. staff: email regex "@example\\\\.com$" ✓ → true');
    expect(result.stdout).toContain('- 2. old-apps: appVersion semver "<2.0.0" ✗ → false');
    expect(result.stdout).toContain('- 3. split: always → split by targetingKey: 10% true, 90% false');
    expect(result.stdout).toContain("otherwise:    false (the flag's own value)");
  });

  it('gives the explanation as JSON', async () => {
    const result = await runs.split;
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ flag: 'features.newCheckout', type: 'boolean', environment: 'development' });
    expect(json.evaluation).toMatchObject({ reason: 'SPLIT', rule: 'split' });
    expect(json.rules).toHaveLength(3);
  });

  it('lists the rules without evaluating when there is no --context', async () => {
    const result = await runs.rulesOnly;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('features.newCheckout (no --context: rules only)');
    expect(result.stdout).toContain('  1. staff: email regex');
  });

  it('says which paths are flags, and refuses a context that is not an object', async () => {
    const notAFlag = await runs.notAFlag;
    expect(notAFlag.code).toBe(2);
    expect(notAFlag.stderr).toContain(
      'features.title is not a flag; the flags are: features.newCheckout, features.banner, features.mirrorUrl',
    );
    const badContext = await runs.badContext;
    expect(badContext.code).toBe(2);
    expect(badContext.stderr).toContain('--context must be a JSON object');
  });

  it('takes rules from an environment variable as JSON text', async () => {
    const result = await runs.envRules;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('features.banner = "blue"');
    expect(result.stdout).toContain('rules at:     features.bannerRules (env APP_FEATURES__BANNER_RULES)');
  });
});

describe('strata explain of a flag', () => {
  it('shows the flag rules after the usual explanation', async () => {
    const result = await runs.explain;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('features.newCheckout = false');
    expect(result.stdout).toContain(
      'flag rules (features.newCheckoutRules; the first that applies decides):',
    );
    expect(result.stdout).toContain('  3. split: always → split by targetingKey: 10% true, 90% false');
    const json = JSON.parse((await runs.explainJson).stdout);
    expect(json.flagRules.rulesPath).toBe('features.newCheckoutRules');
    expect(json.flagRules.rules[0].name).toBe('staff');
  });
});
