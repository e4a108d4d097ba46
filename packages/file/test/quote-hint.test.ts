import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IsBoolean, IsInt } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { loadConfig, Section } from '@strata/core';
import { fileSource } from '@strata/file';

@Section('server')
class ServerConfig {
  @IsInt() port = 8080;
  @IsBoolean() tls = false;
}

/** The message a real file's values end in. */
async function messageFor(name: string, text: string): Promise<string> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'strata-quote-hint-'));
  await writeFile(path.join(cwd, name), text);
  const error = await loadConfig(
    { sections: [ServerConfig], sources: [fileSource({ file: name })] },
    { cwd, env: {} },
  ).catch((e: unknown) => e);
  return (error as Error).message;
}

describe('the "remove the quotes" hint, from real files', () => {
  it.each([
    [
      'settings.yaml',
      'server:\n  port: "8080"\n',
      'server.port: expected a number, got a string — got "8080" from file settings.yaml:2:9 (remove the quotes in the file)',
    ],
    [
      'settings.json',
      '{ "server": { "tls": "true" } }',
      'server.tls: expected a boolean, got a string — got "true" from file settings.json:1:22 (remove the quotes in the file)',
    ],
    ['settings.toml', '[server]\nport = "443"\n', '(remove the quotes in the file)'],
  ])('appears for a quoted value that is right unquoted (%s)', async (name, text, expected) => {
    expect(await messageFor(name, text)).toContain(expected);
  });

  it.each([
    ['settings.yaml', 'server:\n  port: eighty\n'],
    ['settings.yaml', 'server:\n  tls: yes please\n'],
    ['settings.json', '{ "server": { "port": "eighty" } }'],
  ])('does not appear for text that would be wrong unquoted too (%s: %j)', async (name, text) => {
    const message = await messageFor(name, text);
    expect(message).toContain('expected a');
    expect(message).not.toContain('quotes');
  });
});
