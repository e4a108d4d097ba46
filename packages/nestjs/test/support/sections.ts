import { Section } from '@strata/core';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min, MinLength, ValidateNested } from 'class-validator';

/** A nested configuration class: injectable by type too. */
export class PoolConfig {
  @IsInt() @Min(1) @Max(100) size = 5;
}

@Section('database')
export class DatabaseConfig {
  /** Required: no default. */
  @IsString() @MinLength(1) url!: string;
  @IsInt() @Min(1) port = 5432;
  @Type(() => PoolConfig) @ValidateNested() pool: PoolConfig = new PoolConfig();
}

@Section('greeting')
export class GreetingConfig {
  @IsString() @MinLength(1) text = 'hello';
}

/** The sections of every test configuration. */
export const sections = [DatabaseConfig, GreetingConfig];
