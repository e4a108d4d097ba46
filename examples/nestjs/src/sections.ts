import { Description, Reloadable, Section } from '@strata/core';
import { IsIn, IsInt, IsString, Max, Min, MinLength } from '@strata/core/rules';

/** Where the HTTP server listens. Read once, at start-up. */
@Section('server')
export class ServerConfig {
  @Description('TCP port (0: any free port); a change needs a restart')
  @Reloadable(false)
  @IsInt()
  @Min(0)
  @Max(65535)
  port = 3000;
}

/** What `GET /greet/:name` answers. Follows edits while the application runs. */
@Section('greeting')
export class GreetingConfig {
  @Description('The word before the name') @IsString() @MinLength(1) text = 'hello';
  @Description('What ends the greeting') @IsIn(['.', '!', '?']) punctuation = '.';
}
