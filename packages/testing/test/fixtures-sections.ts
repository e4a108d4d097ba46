import { Section } from '@strata/core';
import { IsIn, IsInt, IsString, Max, Min, MinLength, ValidateNested } from '@strata/core/rules';
import { Type } from 'class-transformer';

/** A nested class, to check that values and overrides reach inside sections. */
export class PoolConfig {
  @IsInt() @Min(1) @Max(100) max = 10;
}

/** The section the kit's own tests configure. */
@Section('database')
export class DatabaseConfig {
  @IsString() @MinLength(1) host = 'localhost';
  @IsInt() @Min(1) @Max(65535) port = 5432;
  @IsIn(['disable', 'require']) sslMode = 'disable';
  @ValidateNested() @Type(() => PoolConfig) pool = new PoolConfig();
}

/** A second section. */
@Section('http')
export class HttpConfig {
  @IsInt() @Min(1) @Max(65535) port = 8080;
}
