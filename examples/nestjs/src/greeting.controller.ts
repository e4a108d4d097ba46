import { Controller, Get, Param } from '@nestjs/common';
import { Config } from '@strata/core';
import { GreetingService } from './greeting.service.js';

/** `GET /greet/:name`: the greeting and the configuration generation that produced it. */
@Controller('greet')
export class GreetingController {
  constructor(
    private readonly greetings: GreetingService,
    private readonly config: Config,
  ) {}

  @Get(':name')
  greet(@Param('name') name: string): { message: string; generation: number } {
    return { message: this.greetings.greet(name), generation: this.config.generation };
  }
}
