import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  copyFixture,
  type FixtureCopy,
  type RunResult,
  strata,
} from '@strata-internal/test-support/cli';

// What a terminal acts on, except the line feed that separates output lines.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what the test looks for
const controlButNewline = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

// Real payloads: clear the screen, retitle the window (OSC … BEL), a C1 CSI colour, DEL.
const clear = '\u001b[2J';
const title = '\u001b]0;pwned\u0007';
const csi = '\u009b31m';

let copy: FixtureCopy;
let runs: Record<string, RunResult>;

beforeAll(async () => {
  assertBuilt();
  copy = await copyFixture('basic');
  // YAML double-quoted escapes put the raw characters into keys and values.
  await writeFile(
    join(copy.dir, 'config', 'local.yaml'),
    [
      'server:',
      '  "unknown\\e[31mkey": 1',
      '  host: "h\\e]0;pwned\\a\\x7f\\u009b31m"',
      'log:',
      '  "lev\\e[2Jel": debug',
      '',
    ].join('\n'),
  );
  const env = {
    [`APP_SERVR${clear}__PORT`]: '1',
    [`APP_LOG__${csi}`]: '2',
  };
  const invalidEnv = { ...env, APP_SERVER__PORT: `80${title}`, APP_LOG__LEVEL: `x${csi}\u007f` };
  const [validate, validateJson, invalid, print, printYaml, explain, unknownExplain] = await Promise.all([
    strata(['validate'], { cwd: copy.dir, env }),
    strata(['validate', '--format', 'json'], { cwd: copy.dir, env: invalidEnv }),
    strata(['validate', '--all-envs'], { cwd: copy.dir, env: invalidEnv }),
    strata(['print'], { cwd: copy.dir, env }),
    strata(['print', '--format', 'yaml'], { cwd: copy.dir, env }),
    strata(['explain', 'server.host'], { cwd: copy.dir, env }),
    strata(['explain', `server.${clear}`], { cwd: copy.dir, env }),
  ]);
  runs = { validate, validateJson, invalid, print, printYaml, explain, unknownExplain } as Record<
    string,
    RunResult
  >;
});

afterAll(async () => {
  await copy?.remove();
});

describe('escape sequences from env names, YAML keys and values', () => {
  it.each(['validate', 'validateJson', 'invalid', 'print', 'printYaml', 'explain', 'unknownExplain'])(
    '%s prints no control character',
    (name) => {
      const run = runs[name]!;
      expect(run.code).not.toBe(-1);
      expect(run.stdout).not.toMatch(controlButNewline);
      expect(run.stderr).not.toMatch(controlButNewline);
    },
  );

  it('shows them escaped where the key, value or variable is named', () => {
    const { validate, invalid, print, printYaml, explain } = runs as Record<string, RunResult>;
    expect(validate!.stdout).toContain('warning: server.unknown\\x1b[31mkey: is not a known setting');
    expect(validate!.stdout).toContain('from env APP_SERVR\\x1b[2J__PORT');
    expect(validate!.stdout).toContain('warning: log.\\x9b31m: is not a known setting');
    expect(invalid!.stdout).toContain('got "80\\u001b]0;pwned\\u0007" from env APP_SERVER__PORT');
    expect(invalid!.stdout).toContain('got "x\\x9b31m\\x7f" from env APP_LOG__LEVEL');
    expect(print!.stdout).toContain('"host": "h\\u001b]0;pwned\\u0007\\u007f\\u009b31m"');
    expect(JSON.parse(print!.stdout).server.host).toBe(`h${title}\u007f${csi}`);
    expect(printYaml!.stdout).toContain('host: "h\\e]0;pwned\\a\\x7f\\x9b31m"');
    expect(explain!.stdout).toContain('server.host = "h\\u001b]0;pwned\\u0007\\x7f\\x9b31m"');
  });
});
