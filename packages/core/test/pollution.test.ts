import { IsOptional } from 'class-validator';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ConfigSource,
  LayerBuilder,
  type LeafValue,
  Section,
  StrataError,
  loadConfig,
} from '@strata/core';

@Section('app')
class AppConfig {
  @IsOptional() labels: Record<string, string> = {};
  @IsOptional() list: unknown[] = [];
}

/** A source that hands over a parsed, attacker-controlled JSON document as-is. */
function jsonSource(json: string): ConfigSource {
  return {
    name: 'file',
    async load() {
      const tree = JSON.parse(json) as Record<string, LeafValue>;
      const builder = new LayerBuilder({ source: 'file' });
      for (const key of Object.keys(tree))
        builder.set([key], tree[key] as LeafValue, { source: 'file', locator: `evil.json#${key}` });
      return builder.build();
    },
  };
}

const payloads = [
  '{"__proto__": {"polluted": "yes"}}',
  '{"app": {"__proto__": {"polluted": "yes"}}}',
  '{"app": {"labels": {"__proto__": {"polluted": "yes"}}}}',
  '{"constructor": {"prototype": {"polluted": "yes"}}}',
  '{"app": {"constructor": {"prototype": {"polluted": "yes"}}}}',
  '{"app": {"list": [{"__proto__": {"polluted": "yes"}}]}}',
  '{"app": {"PROTOTYPE": {"polluted": "yes"}}}',
];

afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
});

describe('prototype pollution', () => {
  it.each(payloads)('refuses %s with an error naming the origin', async (json) => {
    const error = await loadConfig({ sections: [AppConfig], sources: [jsonSource(json)] }).catch(
      (e: unknown) => e,
    );
    expect(StrataError.is(error, 'UNSAFE_KEY')).toBe(true);
    expect((error as Error).message).toMatch(/from file evil\.json#/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses them in overlays too', async () => {
    const config = await loadConfig({ sections: [AppConfig], sources: [] });
    await expect(
      config.derive(JSON.parse('{"app": {"labels": {"__proto__": {"polluted": 1}}}}')),
    ).rejects.toThrow(/could pollute/);
    await config.close();
  });
});
