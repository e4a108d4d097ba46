import { inspect } from 'node:util';
import { IsInt, IsString } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { ConfigValidationError, loadConfig, type Logger, Section, StrataError } from '@strata/core';
import { printable } from '@strata/core/source';
import { formatValue, LayerBuilder } from '@strata/core/source';
import { fixedSource } from '@strata-internal/test-support';

@Section('server')
class ServerConfig {
  @IsString() host = 'localhost';
  @IsInt() port = 8080;
}

// What a terminal acts on: C0 controls, DEL and C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what the test looks for
const anyControl = /[\u0000-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what the test looks for
const controlButNewline = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

const esc = '\u001b';
const csi = '\u009b';
const payloads = {
  clear: `${esc}[2J`,
  title: `${esc}]0;pwned\u0007`,
  red: `${csi}31m`,
  del: '\u007f',
  newline: '\nforged: line',
};

describe('printable', () => {
  it.each([
    ['plain text', 'plain text'],
    [`a${esc}[31mb`, 'a\\x1b[31mb'],
    [`${csi}0m`, '\\x9b0m'],
    ['del\u007f', 'del\\x7f'],
    ['a\nb\tc\rd', 'a\\nb\\tc\\rd'],
    ['nul\u0000', 'nul\\x00'],
  ])('escapes %j', (input, expected) => {
    expect(printable(input)).toBe(expected);
  });

  it('keeps line feeds and tabs of a whole message with keepLayout', () => {
    expect(printable(`line 1\n\tline ${esc}2\r`, true)).toBe('line 1\n\tline \\x1b2\\r');
  });

  it('is used by formatValue for what JSON leaves raw', () => {
    expect(formatValue(`x${csi}y\u007f`, false)).toBe('"x\\x9by\\x7f"');
  });
});

describe('control characters from keys, values and origins never reach a message raw', () => {
  it('in errors and warnings built from them', async () => {
    const warned: string[] = [];
    const logger: Logger = {
      debug() {},
      info() {},
      warn: (m) => warned.push(m),
      error: (m) => warned.push(m),
    };
    const values: Record<string, string> = {
      'server.port': `80${payloads.clear}`,
      [`server.un${payloads.title}known`]: '1',
      [`server.key${payloads.newline}`]: '2',
      [`ser${payloads.red}ver.port`]: '3',
    };
    const error = await loadConfig(
      { sections: [ServerConfig], sources: [fixedSource('env', values, { textual: true })] },
      { logger },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigValidationError);
    const validation = error as ConfigValidationError;
    expect(validation.message).toContain('got "80\\u001b[2J" from env server.port');
    // The message's lines are its structure: a title and one line per problem, nothing forged.
    expect(validation.message.split('\n')).toHaveLength(1 + validation.issues.length);
    expect(validation.message).not.toMatch(controlButNewline);
    expect(inspect(validation)).not.toMatch(controlButNewline);

    const config = await loadConfig(
      {
        sections: [ServerConfig],
        sources: [
          fixedSource(
            'env',
            { ...values, 'server.port': '80', 'server.host': payloads.title },
            { textual: true },
          ),
        ],
      },
      { logger },
    );
    expect(config.get(ServerConfig).host).toBe(payloads.title);
    expect(warned.length).toBeGreaterThanOrEqual(3);
    for (const line of warned) expect(line).not.toMatch(anyControl);
    expect(warned.join('\n')).toContain('server.un\\x1b]0;pwned\\x07known: is not a known setting');
    expect(warned.join('\n')).toContain('server.key\\nforged: line: is not a known setting');
  });

  it('in every StrataError message and layer warning', () => {
    const error = new StrataError('SOURCE_FAILED', `cannot read config/${payloads.clear}.yaml\nsecond line`);
    expect(error.message).toBe('cannot read config/\\x1b[2J.yaml\nsecond line');
    const layer = new LayerBuilder({ source: 'plugin' }).warn(`odd key ${payloads.red}`).build();
    expect(layer.warnings).toEqual(['odd key \\x9b31m']);
  });
});
