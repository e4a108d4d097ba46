import { describe, expect, it } from 'vitest';
import { Section, loadConfig, ConfigValidationError } from '@strata/core';
import { IsOptional, OneOf, type OneOfValues } from '@strata/core/rules';
import { fixedSource } from '@strata-internal/test-support';

const LEVELS = ['debug', 'info', 'warn'] as const;

@Section('log')
class LogConfig {
  @OneOf(LEVELS) level: OneOfValues<typeof LEVELS> = 'info';
  // `?` alone would not make it optional: only @IsOptional() does.
  @IsOptional() @OneOf(['json', 'text'] as const) format?: 'json' | 'text';
}

describe('@OneOf', () => {
  it('checks the value like @IsIn, and lists the values as the schema enum', async () => {
    const config = await loadConfig({
      sections: [LogConfig],
      sources: [fixedSource('file', { 'log.level': 'warn' })],
    });
    const level: 'debug' | 'info' | 'warn' = config.get(LogConfig).level;
    expect(level).toBe('warn');
    expect(config.schema.field('log.level')?.enumValues).toEqual(['debug', 'info', 'warn']);
    expect(config.schema.field('log.level')?.type).toBe('enum');
    const error = await loadConfig({
      sections: [LogConfig],
      sources: [fixedSource('file', { 'log.level': 'trace' })],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).issues[0]?.message).toMatch(
      /must be one of the following values: debug, info, warn/,
    );
  });

  it('refuses at compile time a property wider than the values (the lines below must not type-check)', () => {
    class Wide {
      // @ts-expect-error string is wider than 'a' | 'b'
      @OneOf(['a', 'b'] as const) plain = 'a';
      // @ts-expect-error 'c' is not one of the values
      @OneOf(['a', 'b'] as const) other: 'a' | 'c' = 'a';
      @OneOf(['a', 'b'] as const) narrow: 'a' | 'b' = 'a';
    }
    expect(new Wide().narrow).toBe('a');
  });
});
