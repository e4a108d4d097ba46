// @strata/core/rules hands out class-validator's own decorators, loaded file by file. These tests pin the
// three promises of that entry: the exports are class-validator's functions themselves, classes decorated
// through it validate exactly like classes decorated through class-validator's index, and importing it (with
// core) does not load class-validator's index, validator.js's index or libphonenumber-js.
import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as classTransformer from 'class-transformer';
import * as classValidator from 'class-validator';
import { describe, expect, it } from 'vitest';
import { ConfigValidationError, type Constructor, loadConfig, Section } from '@strata/core';
import * as rules from '@strata/core/rules';
import { fixedSource } from '@strata-internal/test-support';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What configuration classes use; the entry must keep offering all of them. */
const expectedRules = [
  ...['IsOptional', 'IsDefined', 'ValidateIf', 'ValidateNested', 'Allow', 'Equals', 'NotEquals'],
  ...['IsEmpty', 'IsNotEmpty', 'IsIn', 'IsNotIn', 'Validate', 'ValidatorConstraint', 'ValidateBy'],
  ...['buildMessage', 'registerDecorator'],
  ...['IsBoolean', 'IsDate', 'IsString', 'IsNumber', 'IsInt', 'IsArray', 'IsEnum', 'IsObject'],
  ...['Min', 'Max', 'IsPositive', 'IsNegative', 'IsDivisibleBy'],
  ...['Length', 'MinLength', 'MaxLength', 'Matches', 'IsUrl', 'IsEmail', 'IsPort', 'IsIP', 'IsFQDN'],
  ...['IsUUID', 'Contains', 'IsNumberString', 'IsBooleanString', 'IsHexadecimal'],
  ...['ArrayMinSize', 'ArrayMaxSize', 'ArrayNotEmpty', 'ArrayUnique'],
];

describe('@strata/core/rules', () => {
  it("offers every rule, each handing its call to class-validator's function of the same name", () => {
    const { Type, OneOf, ...validatorRules } = rules;
    expect(Object.keys(validatorRules).sort()).toEqual([...expectedRules].sort());
    for (const [name, value] of Object.entries(validatorRules)) {
      expect(typeof value, name).toBe('function');
      expect(value.name, name).toBe(name);
    }
    // Every property decorator registers exactly what the index's decorator registers for the same call.
    for (const [name, args] of Object.entries(decoratorArguments)) {
      const ours = (rules as unknown as Record<string, (...a: unknown[]) => PropertyDecorator>)[name]!;
      const theirs = (classValidator as unknown as Record<string, (...a: unknown[]) => PropertyDecorator>)[
        name
      ]!;
      expect(registeredBy(ours(...args)), name).toEqual(registeredBy(theirs(...args)));
    }
    expect(Type).toBe(classTransformer.Type);
    // Strata's one addition, OneOf, registers exactly what IsIn registers.
    const decorate = OneOf(['a', 'b'] as const) as unknown as PropertyDecorator;
    expect(registeredBy(decorate)).toEqual(registeredBy(classValidator.IsIn(['a', 'b'])));
  });

  it('validates a class decorated through it with the same messages as through the index', async () => {
    const fromRules = await issuesOf(sectionsDecoratedWith(rules));
    const fromIndex = await issuesOf(
      sectionsDecoratedWith({ ...classValidator, Type: classTransformer.Type }),
    );
    expect(fromRules).toEqual(fromIndex);
    expect(fromRules).toEqual([
      'server.port: must not be greater than 65535',
      'server.url: must be a URL address',
      'server.name: must be longer than or equal to 3 characters',
      'server.mode: must be one of the following values: fast, safe',
      "server.tags: All tags's elements must be unique",
      'server.pool.size: must be an integer number',
    ]);
  });

  it('works beside the index in the same class, since both register into one storage', async () => {
    @Section('mixed')
    class Mixed {
      @rules.IsInt() @classValidator.Min(1) workers = 4;
      @classValidator.IsString() @rules.MinLength(2) region = 'eu';
    }
    const error = (await loadConfig({
      sections: [Mixed],
      sources: [fixedSource('file', { 'mixed.workers': 0, 'mixed.region': 'x' })],
    }).catch((e: unknown) => e)) as ConfigValidationError;
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error.issues.map((i) => `${i.path}: ${i.constraint}`)).toEqual([
      'mixed.workers: min',
      'mixed.region: minLength',
    ]);
  });

  it("does not load class-validator's index, validator.js's index or libphonenumber-js (built dist)", async () => {
    // A fresh process importing the built packages, so nothing this test process loaded counts.
    const script = [
      "import { createRequire } from 'node:module';",
      "await import('@strata/core');",
      "const rules = await import('@strata/core/rules');",
      'const cache = () => Object.keys(createRequire(import.meta.url).cache);',
      'const beforeUse = cache();',
      'rules.Min(1);',
      'console.log(JSON.stringify({ beforeUse, loaded: cache() }));',
    ].join('\n');
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: packageDir,
      env: { PATH: process.env.PATH ?? '' },
    });
    const lists = JSON.parse(stdout) as { beforeUse: string[]; loaded: string[] };
    const loaded = lists.loaded.map((path) => path.replaceAll('\\', '/'));
    // A rule's file loads when the rule is first used, not when the entry is imported.
    const isUrlFile = (path: string): boolean =>
      path.endsWith('/class-validator/cjs/decorator/string/IsUrl.js');
    const minFile = (path: string): boolean => path.endsWith('/class-validator/cjs/decorator/number/Min.js');
    expect(lists.beforeUse.map((path) => path.replaceAll('\\', '/')).some(isUrlFile)).toBe(false);
    expect(loaded.some(isUrlFile)).toBe(false);
    // The decorator files themselves are there once used: the list is the real one, not an empty cache.
    expect(loaded.some(minFile)).toBe(true);
    expect(loaded.some((path) => path.endsWith('/class-transformer/cjs/decorators/type.decorator.js'))).toBe(
      true,
    );
    expect(loaded.filter((path) => /\/class-validator\/cjs\/index\.js$/.test(path))).toEqual([]);
    expect(loaded.filter((path) => /\/class-transformer\/cjs\/index\.js$/.test(path))).toEqual([]);
    expect(loaded.filter((path) => /\/validator\/index\.js$/.test(path))).toEqual([]);
    expect(loaded.filter((path) => path.includes('/libphonenumber-js/'))).toEqual([]);
    // validator.js files come only one check at a time, from its lib/ folder (for the string rules).
    const validatorFiles = loaded.filter((path) => /\/node_modules\/validator\//.test(path));
    expect(validatorFiles.filter((path) => !/\/validator\/lib\//.test(path))).toEqual([]);
  });
});

/** Arguments for one call of each property decorator (the others take classes or validators). */
const decoratorArguments: Readonly<Record<string, readonly unknown[]>> = {
  IsOptional: [],
  IsDefined: [],
  ValidateIf: [() => true],
  ValidateNested: [],
  Allow: [],
  Equals: [3],
  NotEquals: [3],
  IsEmpty: [],
  IsNotEmpty: [{ message: 'needed' }],
  IsIn: [['a', 'b']],
  IsNotIn: [['c']],
  IsBoolean: [],
  IsDate: [],
  IsString: [{ each: true }],
  IsNumber: [{ maxDecimalPlaces: 2 }],
  IsInt: [],
  IsArray: [],
  IsEnum: [{ A: 'a' }],
  IsObject: [],
  Min: [1],
  Max: [9],
  IsPositive: [],
  IsNegative: [],
  IsDivisibleBy: [2],
  Length: [1, 5],
  MinLength: [2],
  MaxLength: [8],
  Matches: [/^a/],
  IsUrl: [{ require_tld: false }],
  IsEmail: [],
  IsPort: [],
  IsIP: [4],
  IsFQDN: [],
  IsUUID: ['4'],
  Contains: ['x'],
  IsNumberString: [],
  IsBooleanString: [],
  IsHexadecimal: [],
  ArrayMinSize: [1],
  ArrayMaxSize: [3],
  ArrayNotEmpty: [],
  ArrayUnique: [],
};

/** What a property decorator registers in class-validator's storage, on a fresh class of its own. */
function registeredBy(decorator: PropertyDecorator): unknown[] {
  class Target {}
  decorator(Target.prototype, 'p');
  return classValidator
    .getMetadataStorage()
    .getTargetValidationMetadatas(Target, '', true, false)
    .map((m) => ({
      type: m.type,
      name: m.name,
      property: m.propertyName,
      constraints: m.constraints?.map(comparable),
      each: m.each,
      always: m.always,
      groups: m.groups,
      message: comparable(m.message),
      context: m.context,
      // class-validator makes a constraint class per call: compare what it checks, not its identity.
      constraint: m.constraintCls
        ? String(new (m.constraintCls as new () => object)().constructor)
        : undefined,
    }));
}

/** Functions are made per call (conditions, default messages): compare their code, not their identity. */
function comparable(value: unknown): unknown {
  return typeof value === 'function' ? String(value) : value;
}

/** The decorators a test class takes, from either entry. */
type RuleSet = Pick<
  typeof rules,
  | 'ArrayUnique'
  | 'IsIn'
  | 'IsInt'
  | 'IsString'
  | 'IsUrl'
  | 'Length'
  | 'Max'
  | 'Min'
  | 'Type'
  | 'ValidateNested'
>;

/** The same configuration class, decorated from the given rule set (one new class per call). */
function sectionsDecoratedWith(r: RuleSet): Constructor[] {
  class Pool {
    @r.IsInt() @r.Min(1) size = 5;
  }
  @Section('server')
  class Server {
    @r.IsInt() @r.Min(1) @r.Max(65535) port = 8080;
    @r.IsUrl({ require_tld: false }) url = 'http://localhost';
    @r.IsString() @r.Length(3, 20) name = 'api';
    @r.IsIn(['fast', 'safe']) mode = 'safe';
    @r.ArrayUnique() tags: string[] = [];
    @r.Type(() => Pool) @r.ValidateNested() pool = new Pool();
  }
  return [Server];
}

/** The issues loading the given sections reports for one set of invalid values. */
async function issuesOf(sections: Constructor[]): Promise<string[]> {
  const error = await loadConfig({
    sections,
    sources: [
      fixedSource('file', {
        'server.port': 70000,
        'server.url': 'not a url',
        'server.name': 'ab',
        'server.mode': 'turbo',
        'server.tags': ['a', 'a'],
        'server.pool.size': 1.5,
      }),
    ],
  }).catch((e: unknown) => e);
  if (!(error instanceof ConfigValidationError)) throw new Error('expected a ConfigValidationError');
  return error.issues.map((i) => `${i.path}: ${i.message}`);
}
