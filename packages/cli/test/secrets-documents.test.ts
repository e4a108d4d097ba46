import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import { parseConfigFile } from '@strata/file';
import { describe, expect, it } from 'vitest';
import { CliError } from '../src/cli/cli-error.js';
import { JsonSecretDocument } from '../src/secrets/json-secret-document.js';
import { promptHidden } from '../src/secrets/prompt-hidden.js';
import { readSecretValue } from '../src/secrets/read-secret-value.js';
import { pathSegments } from '../src/secrets/secret-path.js';
import { typedSecretValue } from '../src/secrets/secret-value-type.js';
import { YamlSecretDocument } from '../src/secrets/yaml-secret-document.js';

// In-process tests of the pieces behind `strata secrets encrypt` and `rotate`: the document editors, the
// value reader and the typed values. The commands themselves are tested through the binary in
// secrets-commands.test.ts.

const E1 = 'enc:v1:k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const E2 = 'enc:v1:k2:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB';

const yaml = (text: string) => new YamlSecretDocument(text, 'app.yaml');
const json = (text: string) =>
  new JsonSecretDocument(
    text,
    'app.json',
    parseConfigFile({ text, file: 'app.json', format: 'json' }).entries,
  );

describe('YAML documents', () => {
  it('replaces a value in place: quotes, comments and the rest of the file stay', () => {
    const doc = yaml(
      '# top\ndb:\n  url: x # the url\n  password: "old" # rotate me\n\nlog: { level: info }\n',
    );
    expect(doc.put(['db', 'password'], E1)).toEqual({ segments: ['db', 'password'], replaced: 'plain' });
    expect(doc.toString()).toBe(
      `# top\ndb:\n  url: x # the url\n  password: "${E1}" # rotate me\n\nlog: { level: info }\n`,
    );
  });

  it('matches existing keys the way the engine does, and fills an empty value', () => {
    const doc = yaml('db:\n  pool_size: 5\n  password:\n');
    expect(doc.put(['DB', 'poolSize'], E1).segments).toEqual(['db', 'pool_size']);
    expect(doc.put(['db', 'password'], E2).replaced).toBe('nothing');
    expect(doc.toString()).toBe(`db:\n  pool_size: ${E1}\n  password: ${E2}\n`);
  });

  it('creates mappings in an empty or comment-only file and under an empty key, keeping CRLF', () => {
    const empty = yaml('');
    empty.put(['a', 'b'], E1);
    expect(empty.toString()).toBe(`a:\n  b: ${E1}\n`);
    const commented = yaml('# only a comment\r\nserver:\r\n');
    commented.put(['server', 'tls', 'key'], E1);
    expect(commented.toString()).toBe(`# only a comment\r\nserver:\r\n  tls:\r\n    key: ${E1}\r\n`);
  });

  it('writes list items by index and refuses paths through values, groups and missing indexes', () => {
    const doc = yaml('tokens:\n  - a\n  - b\ndb:\n  url: x\n');
    doc.put(['tokens', '1'], E1);
    expect(doc.toString()).toBe(`tokens:\n  - a\n  - ${E1}\ndb:\n  url: x\n`);
    const usage = (work: () => unknown) => expect(work).toThrow(CliError);
    usage(() => doc.put(['tokens', '2'], E1));
    usage(() => doc.put(['tokens', 'x'], E1));
    usage(() => doc.put(['db', 'url', 'inner'], E1));
    usage(() => doc.put(['db'], E1));
    expect(() => doc.put(['db', 'url', 'inner'], E1)).toThrow(
      'db.url holds a value, not a mapping: db.url.inner cannot be written inside it',
    );
  });

  it('lists envelopes with positions where they are written (not through aliases) and replaces them', () => {
    const doc = yaml(
      [
        'base: &base',
        `  token: ${E1}`,
        'app:',
        '  <<: *base',
        '  list:',
        '    - plain',
        `    - ${E1} # second item`,
        '  inline:',
        `    <<: { key: ${E1} }`,
        '',
      ].join('\n'),
    );
    const found = doc.envelopes();
    expect(found.map(({ path, locator }) => ({ path, locator }))).toEqual([
      { path: 'base.token', locator: 'app.yaml:2:10' },
      { path: 'app.list.1', locator: 'app.yaml:7:7' },
      { path: 'app.inline.key', locator: 'app.yaml:9:16' },
    ]);
    for (const entry of found) doc.replace(entry, E2);
    expect(doc.toString()).toContain(`  token: ${E2}\n`);
    expect(doc.toString()).toContain(`    - ${E2} # second item\n`);
    expect(doc.envelopes().every((entry) => entry.envelope === E2)).toBe(true);
  });
});

describe('JSON documents', () => {
  it('replaces existing values byte for byte, strings and numbers alike, in lists too', () => {
    const text = `{\n  "db": {"password": "old", "pin": 1234},\n  "tokens": ["x", "${E1}", {"deep": "${E1}"}]\n}`;
    const doc = json(text);
    const found = doc.envelopes();
    expect(found.map(({ path, locator }) => ({ path, locator }))).toEqual([
      { path: 'tokens.1', locator: 'app.json:3:19' },
      { path: 'tokens.2.deep', locator: 'app.json:3:82' },
    ]);
    for (const entry of found) doc.replace(entry, E2);
    doc.put(['db', 'password'], E1);
    doc.put(['db', 'PIN'], E1);
    expect(doc.toString()).toBe(
      `{\n  "db": {"password": "${E1}", "pin": "${E1}"},\n  "tokens": ["x", "${E2}", {"deep": "${E2}"}]\n}`,
    );
  });

  it('adds keys by re-writing the file: order kept, its indentation and line endings', () => {
    const doc = json('{\r\n    "b": 1,\r\n    "a": {\r\n        "x": true\r\n    }\r\n}\r\n');
    expect(doc.put(['a', 'secret', 'value'], E1)).toEqual({
      segments: ['a', 'secret', 'value'],
      replaced: 'nothing',
    });
    expect(doc.toString()).toBe(
      `{\r\n    "b": 1,\r\n    "a": {\r\n        "x": true,\r\n        "secret": {\r\n            "value": "${E1}"\r\n        }\r\n    }\r\n}\r\n`,
    );
    const empty = json('');
    empty.put(['x'], E1);
    expect(empty.toString()).toBe(`{\n  "x": "${E1}"\n}\n`);
  });

  it('refuses paths through values and groups', () => {
    const doc = json('{"db": {"url": "x"}, "list": [1]}');
    expect(() => doc.put(['db', 'url', 'inner'], E1)).toThrow('db.url holds a value, not an object');
    expect(() => doc.put(['db'], E1)).toThrow('db is a group of values in the file, not a single value');
    expect(() => doc.put(['list', '3'], E1)).toThrow(
      'list is a list of 1 items; "3" is not one of its indexes',
    );
  });
});

describe('reading the value', () => {
  const stream = (text: string) => Readable.from([Buffer.from(text)]);

  it('takes piped input without its one trailing newline, and refuses nothing', async () => {
    const prompt = () => undefined;
    await expect(readSecretValue({ path: 'a', prompt, stdin: stream('s3cret\n') })).resolves.toBe('s3cret');
    await expect(readSecretValue({ path: 'a', prompt, stdin: stream('two\nlines\r\n') })).resolves.toBe(
      'two\nlines',
    );
    await expect(readSecretValue({ path: 'a', prompt, stdin: stream('\n') })).rejects.toThrow(
      'no value on standard input',
    );
  });

  /** A terminal that receives `keys` (one chunk each) once the prompt is written. */
  function terminal(keys: readonly string[]) {
    const events = new EventEmitter();
    const modes: boolean[] = [];
    return {
      modes,
      input: {
        setRawMode: (mode: boolean) => modes.push(mode),
        setEncoding: () => undefined,
        resume: () =>
          setImmediate(() => {
            for (const key of keys) events.emit('data', key);
          }),
        pause: () => undefined,
        on: (event: 'data', listener: (chunk: string) => void) => events.on(event, listener),
        off: (event: 'data', listener: (chunk: string) => void) => events.off(event, listener),
      },
    };
  }

  it('prompts with echo off: backspace and Ctrl-U edit, arrow keys are ignored, Enter ends', async () => {
    const { input, modes } = terminal(['sx', '\u007f', '3', '\u001b[D', 'cret', '\r']);
    let shown = '';
    const value = await promptHidden(input, (text) => (shown += text), 'Value: ');
    expect(value).toBe('s3cret');
    expect(shown).toBe('Value: \n');
    expect(modes).toEqual([true, false]);
    const cleared = terminal(['wrong', '\u0015', 'right\r']);
    await expect(promptHidden(cleared.input, () => undefined, '')).resolves.toBe('right');
  });

  it('Ctrl-C cancels the prompt and restores the terminal', async () => {
    const { input, modes } = terminal(['abc', '\u0003']);
    await expect(promptHidden(input, () => undefined, '')).rejects.toThrow('cancelled: no value entered');
    expect(modes).toEqual([true, false]);
  });
});

describe('paths', () => {
  it('splits dotted paths and refuses empty and unsafe segments', () => {
    expect(pathSegments('servers.0.token')).toEqual(['servers', '0', 'token']);
    expect(() => pathSegments('database..password')).toThrow(
      '"database..password" is not a configuration path',
    );
    expect(() => pathSegments('database.__proto__')).toThrow(
      '"__proto__" cannot be a key in a configuration path',
    );
    expect(() => pathSegments('Constructor.x')).toThrow(CliError);
  });
});

describe('typed values', () => {
  it('parses numbers and booleans strictly, never echoing the text', () => {
    expect(typedSecretValue(' 42 ', 'number', 'p')).toBe(42);
    expect(typedSecretValue('-1.5e3', 'number', 'p')).toBe(-1500);
    expect(typedSecretValue('false', 'boolean', 'p')).toBe(false);
    expect(typedSecretValue(' padded ', 'string', 'p')).toBe(' padded ');
    for (const [text, type] of [
      ['0x10', 'number'],
      ['', 'number'],
      ['Infinity', 'number'],
      ['yes', 'boolean'],
    ] as const) {
      expect(() => typedSecretValue(text, type, 'p')).toThrow(CliError);
      try {
        typedSecretValue(`${text}-hidden`, type, 'p');
      } catch (error) {
        expect(String(error)).not.toContain('hidden');
      }
    }
  });
});
