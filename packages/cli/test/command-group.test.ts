import { describe, expect, it } from 'vitest';
import { type CliIO, type Command, commands, runCli } from '../src/index.js';

/** An IO that records what a run writes. */
function recordingIO(): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
    env: {},
    cwd: process.cwd(),
    interrupted: () => new Promise<string>(() => undefined),
  };
  return io;
}

// A command group as a plugin would add one: one Command with subcommands (named `vaultops`, not clashing
// with the real `secrets` group).
const rotated: string[] = [];
const secretsGroup: Command = {
  name: 'vaultops',
  summary: 'Manage encrypted values',
  usage: '<command>',
  options: {},
  subcommands: [
    {
      name: 'rotate',
      summary: 'Re-encrypt every value with a new key',
      usage: '--key <id>',
      options: { key: { type: 'string', description: 'The new key id' } },
      run: async ({ values }) => {
        rotated.push(String(values.key));
        return 0;
      },
    },
  ],
};
const registry = [...commands, secretsGroup];

describe('command groups', () => {
  it('dispatches to a subcommand with its own options', async () => {
    const io = recordingIO();
    expect(await runCli(['vaultops', 'rotate', '--key', 'k2'], io, registry)).toBe(0);
    expect(rotated).toEqual(['k2']);
  });

  it('shows the group help, and suggests a subcommand for a typo', async () => {
    const bare = recordingIO();
    expect(await runCli(['vaultops'], bare, registry)).toBe(2);
    expect(bare.err).toContain('Usage: strata vaultops <command>');
    expect(bare.err).toContain('  rotate  Re-encrypt every value with a new key');
    const help = recordingIO();
    expect(await runCli(['help', 'vaultops', 'rotate'], help, registry)).toBe(0);
    expect(help.out).toContain('Usage: strata vaultops rotate --key <id>');
    const typo = recordingIO();
    expect(await runCli(['vaultops', 'rotat'], typo, registry)).toBe(2);
    expect(typo.err).toContain(
      'unknown command "rotat". Did you mean "rotate"? See "strata vaultops --help".',
    );
    const listed = recordingIO();
    await runCli(['--help'], listed, registry);
    expect(listed.out).toContain('  secrets      ');
    expect(listed.out).toContain('  vaultops     ');
  });
});
