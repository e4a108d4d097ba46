import 'reflect-metadata';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigValidationError, loadConfig, Section } from '@strata/core';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from '@strata/core/rules';
import { fileSource } from '@strata/file';
import { arbitraryConfig, arbitraryInvalid, createTestConfig } from '@strata/testing';
import { Type } from 'class-transformer';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

// Property tests over generated configurations: what `strata print --format yaml` writes loads back as the
// same configuration, and every value that breaks one rule is rejected naming that value and that rule.
// numRuns stays small: each run loads a configuration twice through the whole pipeline.

class RetryConfig {
  @IsInt() @Min(0) @Max(10) attempts = 3;
  @IsNumber() @Min(0.5) @Max(60) backoffSeconds = 1.5;
}

@Section('service')
class ServiceConfig {
  @IsString() @MinLength(1) @MaxLength(40) name = 'orders';
  @IsString() @Matches(/^[a-z][a-z0-9-]{0,20}$/) slug = 'orders-api';
  @IsString() @Length(2, 8) region = 'eu';
  @IsInt() @Min(1) @Max(65535) port = 8080;
  @IsIn(['debug', 'info', 'warn', 'error']) logLevel = 'info';
  @IsBoolean() tracing = false;
  @IsOptional() @IsString() @MaxLength(10) owner?: string;
  @IsString({ each: true }) @MaxLength(6, { each: true }) @ArrayMaxSize(3) tags: string[] = [];
  @ValidateNested() @Type(() => RetryConfig) retry = new RetryConfig();
  @IsString() @MinLength(3) apiKey!: string;
}

const RUNS = { numRuns: 50 };
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'strata-properties-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('generated configurations', () => {
  it('survive print --format yaml and a load back unchanged', async () => {
    let file = 0;
    await fc.assert(
      fc.asyncProperty(arbitraryConfig(ServiceConfig), async (values) => {
        const config = await createTestConfig({ sections: [ServiceConfig], values: [values] });
        const printed = stringify(config.toJSON());
        await config.close();
        const target = path.join(dir, `printed-${file++}.yaml`);
        await writeFile(target, printed);
        const loaded = await loadConfig(
          { sections: [ServiceConfig], sources: [fileSource({ file: target })] },
          { env: {}, argv: [], strict: true },
        );
        expect(loaded.toJSON()).toEqual(config.toJSON());
        expect({ ...loaded.get(ServiceConfig) }).toEqual({ ...config.get(ServiceConfig) });
        await loaded.close();
      }),
      RUNS,
    );
  });

  it('are rejected naming the path and the rule when one value breaks one rule', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(arbitraryInvalid(ServiceConfig), async (invalid) => {
        const error = await createTestConfig({ sections: [ServiceConfig], values: [invalid.values] }).then(
          (config) => config.close().then(() => undefined),
          (e: unknown) => e,
        );
        expect(ConfigValidationError.is(error)).toBe(true);
        const issues = (error as ConfigValidationError).issues.filter((i) => i.severity === 'error');
        expect(issues.map((i) => `${i.path} ${i.constraint}`)).toEqual([`${invalid.path} ${invalid.rule}`]);
        expect((error as Error).message).toContain(invalid.path);
        seen.add(`${invalid.path} ${invalid.rule}`);
      }),
      RUNS,
    );
    // The generator reaches many rules, not one over and over.
    expect(seen.size).toBeGreaterThan(8);
  });
});
