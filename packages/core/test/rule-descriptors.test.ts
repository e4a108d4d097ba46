// @strata/core/rules records its common rules as descriptors in Strata's own metadata and core checks them
// without class-validator. These tests hold the descriptors to class-validator itself: the same verdict and
// the same message for generated values, and the same class written both ways gives the same problems and
// the same schema model (which the CLI's JSON Schema and docs read).
import * as classValidator from 'class-validator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigValidationError, type Constructor, loadConfig, Section } from '@strata/core';
import * as rules from '@strata/core/rules';
import { readSchema } from '@strata/core/tooling';
import { fixedSource } from '@strata-internal/test-support';
import { readSchemaResult } from '../src/schema/read-schema.js';
import { ownRuleDescriptors } from '../src/schema/rule-descriptors.js';

type Decorate = (...args: never[]) => PropertyDecorator;

/** One call of each rule core checks itself, with arguments that exercise its bounds. */
const describedCalls: ReadonlyArray<readonly [string, readonly unknown[]]> = [
  ['IsInt', []],
  ['IsString', []],
  ['IsBoolean', []],
  ['IsArray', []],
  ['IsObject', []],
  ['IsNotEmpty', []],
  ['IsEmpty', []],
  ['IsPositive', []],
  ['IsNegative', []],
  ['Min', [3]],
  ['Max', [7.5]],
  ['Equals', [2]],
  ['NotEquals', ['a']],
  ['IsIn', [['a', 1, null]]],
  ['IsNotIn', [['a', 1]]],
  ['Length', [2, 5]],
  ['Length', [3]],
  ['MinLength', [2]],
  ['MaxLength', [3]],
  ['Matches', [/^a+$/]],
  ['Matches', ['^A', 'i']],
  ['Contains', ['ab']],
  ['ArrayMinSize', [1]],
  ['ArrayMaxSize', [2]],
  ['ArrayNotEmpty', []],
  ['Min', [3, { each: true }]],
  ['IsString', [{ each: true }]],
  ['Length', [2, 4, { each: true }]],
];

const values = fc.oneof(
  fc.anything(),
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -10, max: 10 }),
  fc.double({ min: -10, max: 10 }),
  fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.integer()), { maxLength: 4 }),
  fc.constantFrom('a', 'aaa', 'Abc', 'xaby', '', 1, 2, null, undefined, Number.NaN, 1.25, '😀😀', [], {}),
);

/** A one-property class decorated with `decorator`, read into its single compiled rule. */
function compiledRule(decorator: PropertyDecorator) {
  class Probe {
    p: unknown;
  }
  decorator(Probe.prototype, 'p');
  Section(`probe${++probes}`)(Probe);
  const { model, rules: schemaRules } = readSchemaResult([Probe]);
  const section = model.sections[0]!;
  return { rule: schemaRules.get(section)?.rulesOf(0)[0], field: section.fields.get('p')! };
}
let probes = 0;

describe('rules recorded as descriptors', () => {
  it.each(describedCalls.map(([name, args], i) => [`${name}(${i})`, name, args] as const))(
    '%s: records a descriptor and nothing in class-validator, with its verdict and message',
    (_label, name, args) => {
      const ours = (rules as unknown as Record<string, Decorate>)[name]!(...(args as never[]));
      const theirs = (classValidator as unknown as Record<string, Decorate>)[name]!(...(args as never[]));
      class Target {}
      ours(Target.prototype, 'p');
      expect(ownRuleDescriptors(Target)).toHaveLength(1);
      expect(
        classValidator.getMetadataStorage().getTargetValidationMetadatas(Target, '', true, false),
      ).toEqual([]);
      const a = compiledRule(ours);
      const b = compiledRule(theirs);
      expect(a.field.constraints).toEqual(b.field.constraints);
      expect(a.field.type).toBe(b.field.type);
      const rule = a.rule!;
      const reference = b.rule!;
      expect(rule.name).toBe(reference.name);
      expect(rule.each).toBe(reference.each);
      fc.assert(
        fc.property(values, (value) => {
          const args = {
            value,
            constraints: [...reference.constraints],
            targetName: 'Probe',
            object: {},
            property: 'p',
          };
          const verdict = reference.validate(value, args);
          expect(rule.check?.(value)).toBe(verdict);
          expect(rule.validate(value, args)).toBe(verdict);
          if (!verdict) expect(rule.message(args)).toBe(reference.message(args));
        }),
      );
    },
  );

  it("hands a rule to class-validator when its options ask for class-validator's features (groups)", () => {
    class Target {}
    rules.Min(1, { groups: ['strict'] })(Target.prototype, 'p');
    expect(ownRuleDescriptors(Target)).toEqual([]);
    const registered = classValidator
      .getMetadataStorage()
      .getTargetValidationMetadatas(Target, '', true, false);
    expect(registered.map((m) => [m.name, m.groups])).toEqual([['min', ['strict']]]);
  });
});

/** The decorators the side-by-side classes take, from either entry. */
type RuleSet = Pick<
  typeof rules,
  | 'ArrayMinSize'
  | 'IsBoolean'
  | 'IsIn'
  | 'IsInt'
  | 'IsNotEmpty'
  | 'IsOptional'
  | 'IsString'
  | 'Length'
  | 'Matches'
  | 'Max'
  | 'MaxLength'
  | 'Min'
  | 'IsPositive'
  | 'ValidateIf'
  | 'ValidateNested'
  | 'IsDefined'
> & { Type: (f: () => Function) => PropertyDecorator };

/** The same configuration, decorated from the given rule set (new classes per call). */
function sectionsWith(r: RuleSet): Constructor[] {
  class Pool {
    @r.IsInt() @r.Min(1) size = 5;
    @r.IsPositive() idleSeconds = 30;
  }
  @Section('service')
  class Service {
    @r.IsInt() @r.Min(1) @r.Max(65535) port = 8080;
    @r.IsString() @r.IsNotEmpty() @r.Length(3, 20) name = 'api';
    @r.IsIn(['debug', 'info', 'warn']) level = 'info';
    @r.IsBoolean() tls = false;
    @r.IsString({ each: true }) @r.MaxLength(6, { each: true }) @r.ArrayMinSize(1) hosts: string[] = ['a'];
    @r.MaxLength(4, { each: true }) tags: string[] = [];
    @r.Matches(/^[a-z]+$/, { message: 'must be lower-case letters' }) region = 'eu';
    @r.IsOptional() @r.IsInt() retries?: number;
    @r.ValidateIf((o: { tls: boolean }) => o.tls) @r.IsString() certFile?: string;
    @r.IsDefined() owner!: string;
    @r.Type(() => Pool) @r.ValidateNested() pool = new Pool();
  }
  return [Service];
}

const badValues = {
  'service.port': 70000,
  'service.name': '',
  'service.level': 'trace',
  'service.tls': true,
  'service.hosts': ['a-long-host', 3],
  'service.tags': ['ok', 'much-too-long'],
  'service.region': 'EU',
  'service.retries': 1.5,
  'service.pool.size': 0,
  'service.pool.idleSeconds': -1,
};

async function problems(sections: Constructor[]): Promise<unknown[]> {
  const error = await loadConfig({ sections, sources: [fixedSource('file', badValues)] }).catch(
    (e: unknown) => e,
  );
  if (!(error instanceof ConfigValidationError)) throw new Error('expected a ConfigValidationError');
  return error.issues.map(({ path, message, constraint, value }) => ({ path, message, constraint, value }));
}

describe('the same class written with @strata/core/rules and with class-validator', () => {
  const fromRules = (): Constructor[] => sectionsWith(rules);
  const fromIndex = (): Constructor[] =>
    sectionsWith({ ...classValidator, Type: rules.Type as RuleSet['Type'] });

  it('gives identical problems and messages', async () => {
    const ours = await problems(fromRules());
    expect(ours).toEqual(await problems(fromIndex()));
    // Pinned, so that both moving together cannot hide a change.
    expect(ours.map((p) => `${(p as { path: string }).path}: ${(p as { message: string }).message}`)).toEqual(
      [
        'service.hosts: item 1: expected a string, got a number',
        'service.port: must not be greater than 65535',
        'service.name: must be longer than or equal to 3 characters',
        'service.name: should not be empty',
        'service.level: must be one of the following values: debug, info, warn',
        'service.tags: each value must be shorter than or equal to 4 characters',
        'service.region: must be lower-case letters',
        'service.retries: must be an integer number',
        'service.certFile: is required — not set by any source',
        'service.owner: is required — not set by any source',
        'service.pool.size: must not be less than 1',
        'service.pool.idleSeconds: must be a positive number',
      ],
    );
  });

  it('gives an identical schema model (types, constraints, enums, optional and required flags)', () => {
    const strip = (cls: Constructor[]) =>
      readSchema(cls).fields.map((f) => ({
        path: f.path,
        type: f.type,
        itemType: f.itemType,
        constraints: f.constraints,
        enumValues: f.enumValues,
        optional: f.optional,
        required: f.required,
        defaultValue: f.defaultValue,
      }));
    expect(JSON.parse(JSON.stringify(strip(fromRules())))).toEqual(
      JSON.parse(JSON.stringify(strip(fromIndex()))),
    );
  });
});
