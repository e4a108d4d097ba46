import fc from 'fast-check';

/**
 * Generated YAML documents for the differential tests of the fast reader: values of every shape a real
 * configuration holds (URLs with queries, paths, globs, sentences with punctuation, numbers in every YAML 1.1
 * and 1.2 spelling, nulls, booleans, dates), written the way people write them (plain when YAML allows it,
 * quoted otherwise), plus adversarial text that may not even be valid YAML.
 */

const lower = 'abcdefghijklmnopqrstuvwxyz';
const word = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
const token = fc.string({
  unit: fc.constantFrom(...`${lower}0123456789`.split('')),
  minLength: 1,
  maxLength: 8,
});

/** Spellings whose type differs between YAML 1.1, YAML 1.2 core, js-yaml and the `yaml` package. */
export const trickySpellings: readonly string[] = [
  // integers
  '0',
  '-0',
  '+0',
  '007',
  '0777',
  '12',
  '+12',
  '-12',
  '1_000',
  '1,000',
  '123456789012345678901234567890',
  '0o17',
  '0o8',
  '0O17',
  '0o',
  '0b101',
  '0b2',
  '0B1',
  '0x1F',
  '0x1f',
  '0X1F',
  '0xg',
  '0x',
  '-0x1F',
  '+0o7',
  // floats
  '1.0',
  '1.',
  '.5',
  '-.5',
  '+.5',
  '0.',
  '-0.0',
  '1e3',
  '1E3',
  '1e+3',
  '1.5e-3',
  '-1.5E-3',
  '.5e3',
  '1e',
  'e3',
  '1_000.5',
  '6.8523015e+5',
  '685.230_15e+03',
  '190:20:30.15',
  '190:20:30',
  '1:2',
  '.inf',
  '.Inf',
  '.INF',
  '-.inf',
  '+.Inf',
  '.iNf',
  'inf',
  'Infinity',
  '-Infinity',
  '.nan',
  '.NaN',
  '.NAN',
  '.Nan',
  'nan',
  'NaN',
  // null
  '~',
  'null',
  'Null',
  'NULL',
  'nUll',
  'nil',
  'None',
  // booleans
  'true',
  'True',
  'TRUE',
  'tRUE',
  'false',
  'False',
  'FALSE',
  'yes',
  'Yes',
  'YES',
  'no',
  'No',
  'NO',
  'on',
  'On',
  'ON',
  'off',
  'Off',
  'OFF',
  'y',
  'Y',
  'n',
  'N',
  // dates and times
  '2024-01-01',
  '2024-1-1',
  '2001-12-14t21:59:43.10-05:00',
  '2001-12-14 21:59:43.10 -5',
  '2024-01-01T10:00:00Z',
  '12:30:00',
  '12:30',
  // other
  '=',
  '--',
  '0.0.0.0',
  '127.0.0.1:8080',
  'v1.2.3',
  '1.2.3',
  'a\\b',
  '\\n',
  'a@b',
  'x!',
  'x&y',
  'x*y',
];

const url = fc
  .tuple(
    fc.constantFrom('http', 'https', 'postgres', 'redis'),
    token,
    fc.integer({ min: 1, max: 65535 }),
    token,
  )
  .chain(([scheme, host, port, path]) =>
    fc.array(fc.tuple(word, token), { maxLength: 3 }).map((query) => {
      const q = query.map(([k, v]) => `${k}=${v}`).join('&');
      return `${scheme}://${host}.example.com:${port}/${path}${q ? `?${q}` : ''}`;
    }),
  );

const filePath = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 3 }), token, fc.constantFrom('.db', '.log', '.yaml', ''))
  .map(([dirs, name, ext]) => `/${dirs.join('/')}/${name}${ext}`);

const glob = fc
  .tuple(
    fc.constantFrom('logs/', 'src/**/', '', '**/', 'var/*/'),
    fc.constantFrom('*.log', '*.ts', '?.txt', '[ab]*.c', '{a,b}.js'),
  )
  .map(([dir, pattern]) => `${dir}${pattern}`);

const punctuation = fc.constantFrom(
  '!',
  '&',
  '*',
  '?',
  ',',
  '.',
  ';',
  '(',
  ')',
  "'",
  '%',
  '@',
  '#',
  ':',
  '-',
  '"',
  '|',
  '>',
);
const sentence = fc
  .array(
    fc.oneof(
      word,
      token,
      fc.tuple(word, punctuation).map(([w, p]) => `${w}${p}`),
      punctuation,
    ),
    {
      minLength: 1,
      maxLength: 8,
    },
  )
  .map((words) => words.join(' '));

/** A realistic string value, before it is written into YAML. */
export const realisticString: fc.Arbitrary<string> = fc.oneof(
  url,
  filePath,
  glob,
  sentence,
  token,
  fc.constantFrom(
    '/var/lib/rfbsj/0b1clj0a.db',
    'https://0o6d4t.example.com:51425/ybyv',
    'the xiu3 0o18o6 value',
    'https://api.example.com/v1/items?limit=10&offset=20',
    '*.log',
    'Deploy failed! Check the logs & retry.',
    'a *b c &d e !f',
    'C:\\Program Files\\app',
    'user@example.com',
    'key=value; other=1',
  ),
);

/**
 * How a string is written so that YAML reads it back as that string: plain when that is unambiguous
 * (checked by the caller's parser, see {@link plainIsSafe}), else double- or single-quoted.
 */
export function quoted(text: string, style: 'double' | 'single'): string {
  return style === 'double' ? JSON.stringify(text) : `'${text.replaceAll("'", "''")}'`;
}

/**
 * Whether `text` can be written plain in a block mapping's value and still be read as the same string by any
 * YAML 1.2 parser: no indicator at the start, no `: ` or ` #`, no edge spaces, and not a spelling that some
 * schema reads as something else.
 */
export function plainIsSafe(text: string): boolean {
  if (text === '' || text !== text.trim()) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text)) return false;
  if (/: |:$| #|\t|\n/.test(text)) return false;
  if (/^[-+]?[\d.]/.test(text) || /^(~|null|true|false|yes|no|on|off|y|n)$/i.test(text)) return false;
  return !trickySpellings.includes(text);
}

/** A scalar as written in the file: tricky spellings plain or quoted, strings plain where safe. */
export const realisticScalarText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...trickySpellings) },
  {
    weight: 5,
    arbitrary: fc
      .tuple(
        realisticString,
        fc.constantFrom('plain', 'double', 'single') as fc.Arbitrary<'plain' | 'double' | 'single'>,
      )
      .map(([text, style]) => {
        if (style === 'plain' && plainIsSafe(text)) return text;
        return quoted(text, style === 'single' ? 'single' : 'double');
      }),
  },
  { weight: 1, arbitrary: fc.constantFrom(...trickySpellings).map((text) => quoted(text, 'double')) },
  { weight: 1, arbitrary: fc.constantFrom(...trickySpellings).map((text) => quoted(text, 'single')) },
);

const adversarialUnit = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...`${lower}0123456789 `.split('')) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(...'-?:,[]{}#&*!|>\'"%@`._+~\\/=<'.split('')),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '\t',
      '\n',
      '\r\n',
      'é',
      '\u00a0',
      '\u2028',
      '\ufeff',
      '<<',
      '0o',
      '0b',
      '0x',
      '.inf',
      '.nan',
    ),
  },
);

/** Arbitrary text in a scalar's place, valid YAML or not. */
export const adversarialScalarText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: adversarialUnit, maxLength: 14 }),
  fc.string({ unit: adversarialUnit, maxLength: 14 }).map((text) => quoted(text, 'double')),
  fc.string({ unit: adversarialUnit, maxLength: 14 }).map((text) => quoted(text, 'single')),
  realisticScalarText,
);

/** The shapes a value takes in a generated document. */
type ValueShape =
  | { readonly kind: 'scalar'; readonly text: string }
  | { readonly kind: 'flow'; readonly items: readonly string[] }
  | { readonly kind: 'block-list'; readonly items: readonly string[] }
  | { readonly kind: 'block-scalar'; readonly header: string; readonly lines: readonly string[] }
  | { readonly kind: 'map'; readonly entries: readonly (readonly [string, ValueShape])[] };

/** Plain text with a flow indicator is not one flow item: realistic lists quote it. */
function flowItem(scalar: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return scalar.map((text) => (/^["']/.test(text) || !/[,[\]{}]/.test(text) ? text : quoted(text, 'double')));
}

function valueShape(
  scalar: fc.Arbitrary<string>,
  flowScalar: fc.Arbitrary<string>,
  key: fc.Arbitrary<string>,
): fc.Arbitrary<ValueShape> {
  return fc.letrec<{ value: ValueShape }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 6, arbitrary: scalar.map((text) => ({ kind: 'scalar', text }) as const) },
      {
        weight: 1,
        arbitrary: fc.array(flowScalar, { maxLength: 4 }).map((items) => ({ kind: 'flow', items }) as const),
      },
      {
        weight: 1,
        arbitrary: fc
          .array(scalar, { minLength: 1, maxLength: 3 })
          .map((items) => ({ kind: 'block-list', items }) as const),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(
            fc.constantFrom('|', '>', '|-', '>+', '|2'),
            // Lines that read like an empty list entry (`-`) or an explicit key (`? x`) outside a block scalar
            // send the text to the precise parser wherever they are: not what block scalars usually hold.
            fc.array(
              realisticString.filter((line) => !/^[- ]*$|^\?(?: |$)/.test(line)),
              { minLength: 1, maxLength: 3 },
            ),
          )
          .map(([header, lines]) => ({ kind: 'block-scalar', header, lines }) as const),
      },
      {
        weight: 2,
        arbitrary: fc
          .uniqueArray(fc.tuple(key, tie('value')), { minLength: 1, maxLength: 4, selector: ([k]) => k })
          .map((entries) => ({ kind: 'map', entries }) as const),
      },
    ),
  })).value;
}

function render(entries: readonly (readonly [string, ValueShape])[], indent: string, eol: string): string {
  let out = '';
  for (const [key, value] of entries) {
    switch (value.kind) {
      case 'scalar':
        out += `${indent}${key}: ${value.text}${eol}`;
        break;
      case 'flow':
        out += `${indent}${key}: [${value.items.join(', ')}]${eol}`;
        break;
      case 'block-list':
        out += `${indent}${key}:${eol}${value.items.map((item) => `${indent}  - ${item}${eol}`).join('')}`;
        break;
      case 'block-scalar':
        out += `${indent}${key}: ${value.header}${eol}${value.lines.map((line) => `${indent}  ${line}${eol}`).join('')}`;
        break;
      case 'map':
        out += `${indent}${key}:${eol}${render(value.entries, `${indent}  `, eol)}`;
        break;
    }
  }
  return out;
}

function documentOf(
  scalar: fc.Arbitrary<string>,
  flowScalar: fc.Arbitrary<string>,
  key: fc.Arbitrary<string>,
): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.uniqueArray(fc.tuple(key, valueShape(scalar, flowScalar, key)), {
        minLength: 1,
        maxLength: 6,
        selector: ([k]) => k,
      }),
      fc.constantFrom('\n', '\r\n'),
      fc.constantFrom('', '# generated\n', '---\n'),
    )
    .map(([entries, eol, head]) => head + render(entries, '', eol));
}

const identifierKey = fc.stringMatching(/^[a-z][a-zA-Z0-9_-]{0,8}$/);

/** Documents a team would write: ordinary keys, realistic values, no anchors, aliases, tags or merge keys. */
export const realisticDocument: fc.Arbitrary<string> = documentOf(
  realisticScalarText,
  flowItem(realisticScalarText),
  identifierKey,
);

/** Documents with adversarial values and keys in every spelling (numbers, nulls, quoted, odd characters). */
export const adversarialDocument: fc.Arbitrary<string> = documentOf(
  adversarialScalarText,
  adversarialScalarText,
  fc.oneof(
    { weight: 3, arbitrary: identifierKey },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...trickySpellings, '<<', '"<<"', '? x', '[a, b]', '{a: 1}', '""'),
    },
    { weight: 1, arbitrary: adversarialScalarText.filter((text) => !text.includes('\n')) },
  ),
);

/**
 * Lines that need YAML's structural features the fast reader leaves to the precise parser: anchors, aliases,
 * tags, merge keys, directives, several documents.
 */
export const structuralSnippets: readonly string[] = [
  'base: &base\n  x: 1\nderived:\n  <<: *base\n  y: 2\n',
  'one: &v 1\ntwo: *v\n',
  'list: &l [1, 2]\nagain: *l\n',
  'tagged: !!str 12\n',
  'tagged: !!int "12"\n',
  'custom: !thing x\n',
  'nonspecific: ! 12\n',
  'verbatim: !<tag:yaml.org,2002:str> 12\n',
  'merged:\n  <<: {a: 1}\n  b: 2\n',
  'merged:\n  <<: [{a: 1}, {c: 3}]\n',
  'inlist:\n  - <<: {a: 1}\n    b: 2\n',
  'anchored: &a\n  deep: &b [x]\n',
  'flowanchor: {a: &x 1, b: *x}\n',
];

/**
 * Adversarial documents with lines of noise spliced in at any indentation: comments touching tokens,
 * continuation lines, stray indicators, document markers — the boundary between what the two parsers accept.
 */
export const noisyDocument: fc.Arbitrary<string> = fc
  .tuple(
    adversarialDocument,
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom('', ' ', '  ', '   ', '    ', '\t'),
        fc.oneof(
          adversarialScalarText,
          fc.tuple(adversarialScalarText, adversarialScalarText).map(([k, v]) => `${k}: ${v}`),
          fc.constantFrom(
            '- x',
            '-',
            '? x',
            ': y',
            '...',
            '---',
            '#c',
            'a: b #c',
            'a: b#c',
            '[a,',
            'b]',
            '{a: 1,',
            '"x',
            "y'",
            '|',
            '>-',
            'k: |',
            '  line',
          ),
        ),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([text, inserts]) => {
    const lines = text.split('\n');
    for (const [at, indent, line] of inserts) lines.splice(at % (lines.length + 1), 0, `${indent}${line}`);
    return lines.join('\n');
  });
