// @strata/core/rules records class-validator's common rules as descriptors Strata checks itself and hands the
// others to class-validator's own decorators, loaded file by file. These tests pin the promises of that entry:
// descriptors carry what class-validator would have registered, classes decorated through it validate exactly
// like classes decorated through class-validator's index, and a class of common rules loads no class-validator
// file at all (the others: their own file, never class-validator's index, validator.js's index or
// libphonenumber-js). rule-descriptors.test.ts holds each check and message to class-validator's.
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
import { RuleDescriptor } from '../src/schema/rule-descriptor.js';
import { ownRuleDescriptors } from '../src/schema/rule-descriptors.js';

/** The `message` option a descriptor recorded (a {@link RuleDescriptor}'s `message` is its message method). */
function messageOptionOf(descriptor: ReturnType<typeof ownRuleDescriptors>[number]): unknown {
  return descriptor instanceof RuleDescriptor ? descriptor.messageOption : descriptor.message;
}

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
  it("offers every rule: common ones as Strata descriptors, the others as class-validator's own", () => {
    const { Type, OneOf, ...validatorRules } = rules;
    expect(Object.keys(validatorRules).sort()).toEqual([...expectedRules].sort());
    for (const [name, value] of Object.entries(validatorRules)) {
      expect(typeof value, name).toBe('function');
      expect(value.name, name).toBe(name);
    }
    const described: string[] = [];
    for (const [name, args] of Object.entries(decoratorArguments)) {
      const ours = (rules as unknown as Record<string, (...a: unknown[]) => PropertyDecorator>)[name]!;
      const theirs = (classValidator as unknown as Record<string, (...a: unknown[]) => PropertyDecorator>)[
        name
      ]!;
      class Target {}
      ours(...args)(Target.prototype, 'p');
      const descriptors = ownRuleDescriptors(Target);
      if (descriptors.length === 0) {
        // Handed to class-validator: it registers exactly what the index's decorator registers.
        expect(registeredBy(ours(...args)), name).toEqual(registeredBy(theirs(...args)));
        continue;
      }
      described.push(name);
      // A descriptor, and nothing in class-validator's storage; the fields Strata reads are class-validator's.
      expect(metadataOf(Target), name).toEqual([]);
      const [reference] = registeredBy(theirs(...args)) as Record<string, unknown>[];
      const [descriptor] = descriptors;
      expect(
        {
          type: descriptor!.type,
          name: descriptor!.name,
          property: descriptor!.propertyName,
          each: descriptor!.each,
          // class-validator's own conditions for @IsOptional and the default message of @ValidateNested are
          // never read by Strata (it knows what those rules mean); every other rule's are the same.
          ...(name === 'IsOptional' ? {} : { constraints: descriptor!.constraints?.map(comparable) }),
          ...(name === 'ValidateNested' ? {} : { message: comparable(messageOptionOf(descriptor!)) }),
        },
        name,
      ).toEqual({
        type: reference!.type,
        name: reference!.name,
        property: reference!.property,
        // class-validator's metadata of a rule given options without `each` says undefined: false to Strata.
        each: reference!.each === true,
        // class-validator leaves `constraints` undefined for a rule without arguments; Strata reads both alike.
        ...(name === 'IsOptional' ? {} : { constraints: reference!.constraints ?? [] }),
        ...(name === 'ValidateNested' ? {} : { message: reference!.message }),
      });
    }
    expect(described.sort()).toEqual(
      [
        ...['IsOptional', 'IsDefined', 'ValidateIf', 'ValidateNested', 'Allow', 'Equals', 'NotEquals'],
        ...['IsEmpty', 'IsNotEmpty', 'IsIn', 'IsNotIn', 'IsBoolean', 'IsString', 'IsInt', 'IsArray'],
        ...['IsObject', 'Min', 'Max', 'IsPositive', 'IsNegative', 'Length', 'MinLength', 'MaxLength'],
        ...['Matches', 'Contains', 'ArrayMinSize', 'ArrayMaxSize', 'ArrayNotEmpty'],
      ].sort(),
    );
    // Type is class-transformer's, called through: it records in the storage class-transformer reads.
    class Item {}
    class WithType {
      items: Item[] = [];
    }
    Type(() => Item)(WithType.prototype, 'items');
    expect(classTransformer.plainToInstance(WithType, { items: [{}] }).items[0]).toBeInstanceOf(Item);
    // Strata's one addition, OneOf, records exactly what IsIn records.
    class WithOneOf {}
    class WithIsIn {}
    (OneOf(['a', 'b'] as const) as unknown as PropertyDecorator)(WithOneOf.prototype, 'p');
    rules.IsIn(['a', 'b'])(WithIsIn.prototype, 'p');
    expect(ownRuleDescriptors(WithOneOf)).toEqual(ownRuleDescriptors(WithIsIn));
    expect(ownRuleDescriptors(WithOneOf)).toHaveLength(1);
  });

  it('shares the arguments of consecutive uses of a rule that repeat them, and only those', () => {
    class Target {}
    for (const [key, rule] of [
      ['a', rules.Length(1, 128)],
      ['b', rules.Length(1, 128)],
      ['c', rules.Length(1, 12)],
      ['d', rules.Min(Number.NaN)],
      ['e', rules.Min(Number.NaN)],
      ['f', rules.Min(0)],
      ['g', rules.Min(-0)],
    ] as const)
      rule(Target.prototype, key);
    const args = ownRuleDescriptors(Target).map((descriptor) => descriptor.constraints);
    expect(args[0]).toBe(args[1]);
    expect(Object.isFrozen(args[0])).toBe(true);
    expect(args[2]).toEqual([1, 12]);
    expect(args[3]).toBe(args[4]);
    expect(args[5]).not.toBe(args[6]);
    expect(Object.is(args[6]?.[0], -0)).toBe(true);
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

  it("loads no class-validator file for classes of common rules, and a rule's own file for the others (built dist)", async () => {
    // A fresh process importing the built packages, so nothing this test process loaded counts.
    const script = [
      "import { createRequire } from 'node:module';",
      "const core = await import('@strata/core');",
      "const rules = await import('@strata/core/rules');",
      'const cache = () => Object.keys(createRequire(import.meta.url).cache);',
      'class Server { port = 8080; name = "api"; }',
      'rules.IsInt()(Server.prototype, "port"); rules.Min(1)(Server.prototype, "port");',
      'rules.IsString()(Server.prototype, "name"); rules.Length(1, 9)(Server.prototype, "name");',
      'core.Section("server")(Server);',
      'const config = await core.loadConfig({ sections: [Server], sources: [] });',
      'const described = cache();',
      'class Site { url = "http://localhost"; }',
      'rules.IsUrl({ require_tld: false })(Site.prototype, "url");',
      'console.log(JSON.stringify({ described, loaded: cache(), port: config.get(Server).port }));',
    ].join('\n');
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: packageDir,
      env: { PATH: process.env.PATH ?? '' },
    });
    const lists = JSON.parse(stdout) as { described: string[]; loaded: string[]; port: number };
    expect(lists.port).toBe(8080);
    const described = lists.described.map((path) => path.replaceAll('\\', '/'));
    const loaded = lists.loaded.map((path) => path.replaceAll('\\', '/'));
    // Defining, reading and validating a class of common rules loads nothing of class-validator; Length's
    // check is validator.js's own lib/isLength file, loaded when a value is first checked.
    expect(described.filter((path) => path.includes('/class-validator/'))).toEqual([]);
    // Nor of class-transformer: `@Type` loads it when a class uses it, and schema reading looks it up only then.
    expect(described.filter((path) => path.includes('/class-transformer/'))).toEqual([]);
    // A rule Strata does not check itself loads its own class-validator file when used: the list is the
    // real one, not an empty cache.
    expect(loaded.some((path) => path.endsWith('/class-validator/cjs/decorator/string/IsUrl.js'))).toBe(true);
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

/** What class-validator's storage holds for a class. */
function metadataOf(target: Function) {
  return classValidator.getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
}

/** What a property decorator registers in class-validator's storage, on a fresh class of its own. */
function registeredBy(decorator: PropertyDecorator): unknown[] {
  class Target {}
  decorator(Target.prototype, 'p');
  return metadataOf(Target).map((m) => ({
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
    constraint: m.constraintCls ? String(new (m.constraintCls as new () => object)().constructor) : undefined,
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
