import { Description, Reloadable, Secret, Section } from '@strata/core';
import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';

/** Where the HTTP server listens. The port is read once, at start-up. */
@Section('server')
export class ServerConfig {
  @Description('TCP port (0: any free port); a change needs a restart')
  @Reloadable(false)
  @IsInt()
  @Min(0)
  @Max(65535)
  port = 8080;
}

/** What `GET /` says. Follows edits while the service runs. */
@Section('greeting')
export class GreetingConfig {
  @Description('The greeting returned by GET /') @IsString() @MinLength(1) text = 'hello';
}

/** The rate limit. Follows edits while the service runs. */
@Section('limits')
export class LimitsConfig {
  @Description('Requests one client may make in any 60-second window')
  @IsInt()
  @Min(1)
  @Max(1000)
  requestsPerMinute = 60;
}

/**
 * The key the service would present to an upstream API: a secret, so every answer, event, log line and
 * audit record shows it as `[redacted]` (the operations surface and its inspector included).
 */
@Section('upstream')
export class UpstreamConfig {
  @Description('API key for the upstream service (UPSTREAM_API_KEY)')
  @Secret()
  @IsString()
  @MinLength(8)
  apiKey!: string;
}
