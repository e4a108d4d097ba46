import { IsInt, IsOptional, IsString } from 'class-validator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigValidationError, Section, loadConfig } from '@strata/core';
import { fixedSource } from '@strata-internal/test-support';

@Section('app')
class AppConfig {
  @IsString() name = 'default';
  @IsInt() port = 1;
  @IsString({ each: true }) hosts: string[] = ['a', 'b'];
  @IsOptional() labels: Record<string, string> = { team: 'core' };
  @IsInt() @IsOptional() poolSize?: number;
}

describe('merging layers', () => {
  it('later sources win, objects merge key by key, arrays replace', async () => {
    const config = await loadConfig({
      sections: [AppConfig],
      sources: [
        fixedSource('base', {
          'app.name': 'base',
          'app.port': 10,
          'app.hosts': ['x', 'y', 'z'],
          'app.labels.tier': 'gold',
        }),
        fixedSource('override', { 'app.port': 20, 'app.hosts': ['only'], 'app.labels.team': 'platform' }),
      ],
    });
    const app = config.get(AppConfig);
    expect(app.name).toBe('base');
    expect(app.port).toBe(20);
    expect(app.hosts).toEqual(['only']);
    expect(app.labels).toEqual({ tier: 'gold', team: 'platform' });
  });

  it('keeps every candidate for explain, winner last', async () => {
    const config = await loadConfig({
      sections: [AppConfig],
      sources: [
        fixedSource('file', { 'app.port': 10 }),
        fixedSource('env', { 'APP.PORT': '30' }, { textual: true }),
      ],
    });
    const explained = config.explain('app.port')!;
    expect(explained.value).toBe(30);
    expect(explained.source).toEqual({ source: 'env', locator: 'APP.PORT' });
    expect(explained.candidates.map((c) => [c.origin.source, c.value, c.winner])).toEqual([
      ['file', 10, false],
      ['env', '30', true],
    ]);
    expect(explained.defaultValue).toBe(1);
    expect(config.explain('app.name')?.source).toBe('default');
    expect(config.explain('app.poolSize')?.source).toBe('unset');
    expect(config.explain('app.nope')).toBeUndefined();
  });

  it('matches names case-insensitively ignoring _ and -', async () => {
    const config = await loadConfig({
      sections: [AppConfig],
      sources: [fixedSource('env', { 'APP.POOL_SIZE': '7', 'app.Name': 'n' }, { textual: true })],
    });
    expect(config.get(AppConfig).poolSize).toBe(7);
    expect(config.get(AppConfig).name).toBe('n');
  });

  it('reports unknown keys as warnings, or errors in strict mode, with a suggestion', async () => {
    const sources = [fixedSource('file', { 'app.prot': 1, 'ap.name': 'x' })];
    const lenient = await loadConfig({ sections: [AppConfig], sources });
    expect(lenient.warnings.map((w) => [w.path, w.hint, w.severity])).toEqual([
      ['app.prot', 'did you mean app.port?', 'warning'],
      ['ap.name', 'did you mean app.name?', 'warning'],
    ]);
    const strict = await loadConfig({ sections: [AppConfig], sources, strict: true }).catch(
      (e: unknown) => e,
    );
    expect(strict).toBeInstanceOf(ConfigValidationError);
    expect((strict as Error).message).toContain(
      'app.prot: is not a known setting — from file app.prot (did you mean app.port?)',
    );
  });

  it('spells suggestions in schema names, and keeps warnings on a validation error', async () => {
    const sources = [fixedSource('env', { 'APPP.PORT': '1', 'APP.POOL_SIZE': 'x' }, { textual: true })];
    const error = (await loadConfig({ sections: [AppConfig], sources }).catch(
      (e: unknown) => e,
    )) as ConfigValidationError;
    expect(error.issues.map((i) => i.path)).toEqual(['app.poolSize']);
    expect(error.warnings.map((w) => [w.path, w.hint])).toEqual([['APPP.PORT', 'did you mean app.port?']]);
    const strict = await loadConfig(
      { sections: [AppConfig], sources: [fixedSource('f', { 'app.prot': 1 })] },
      { strict: true },
    ).catch((e: unknown) => e);
    expect((strict as ConfigValidationError).issues[0]?.constraint).toBe('unknownKey');
  });

  it('refuses a single value where the schema has a section', async () => {
    const error = await loadConfig({
      sections: [AppConfig],
      sources: [fixedSource('file', { app: 'oops' })],
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain(
      'app: is a group of settings, not a single value — from file app',
    );
  });

  it('property: the value in effect is the last layer that set the key, else the default', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: undefined }), { maxLength: 6 }),
        async (ports) => {
          const sources = ports.map((port, i) =>
            fixedSource(`s${i}`, port === undefined ? {} : { 'app.port': port }),
          );
          const config = await loadConfig({ sections: [AppConfig], sources });
          const set = ports.filter((p) => p !== undefined);
          expect(config.get(AppConfig).port).toBe(set.length > 0 ? set[set.length - 1] : 1);
          expect(config.explain('app.port')?.candidates.length).toBe(set.length);
        },
      ),
      { numRuns: 60 },
    );
  });
});
