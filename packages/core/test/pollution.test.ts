import { IsOptional } from 'class-validator';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConfigSource, type LeafValue, Section, StrataError, loadConfig } from '@strata/core';
import { LayerBuilder } from '@strata/core/source';
import { readSchema } from '@strata/core/tooling';

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

  it('refuses a dotted overlay key that reaches a prototype, instead of calling it unknown', async () => {
    const config = await loadConfig({ sections: [AppConfig], sources: [] });
    for (const key of ['__proto__.x', 'app.constructor.prototype', 'app.labels.__proto__']) {
      const error = await config.derive({ [key]: 'yes' }).catch((e: unknown) => e);
      expect(StrataError.is(error, 'UNSAFE_KEY'), key).toBe(true);
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    await config.close();
  });

  it('takes dotted overlay keys as paths', async () => {
    const config = await loadConfig({ sections: [AppConfig], sources: [] });
    const snapshot = await config.derive({ 'app.labels': { team: 'a' } });
    expect(snapshot.value('app.labels')).toEqual({ team: 'a' });
    await config.close();
  });

  it.each(['__proto__', 'a.constructor.prototype', 'prototype'])(
    'refuses @Section(%j) when the schema is read, naming the class',
    (path) => {
      @Section(path)
      class Polluting {
        @IsOptional() value?: string;
      }
      const error = (() => {
        try {
          readSchema([Polluting]);
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(StrataError.is(error, 'UNSAFE_KEY')).toBe(true);
      expect((error as Error).message).toContain('Polluting');
    },
  );
});
