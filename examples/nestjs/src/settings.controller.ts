import { Controller, Get, Scope } from '@nestjs/common';
import { GreetingConfig } from './sections.js';

/**
 * `GET /settings`: the greeting section as JSON. Request-scoped, so Nest builds it for every request and
 * injects the section by type from the snapshot in effect at that moment.
 */
@Controller({ path: 'settings', scope: Scope.REQUEST })
export class SettingsController {
  constructor(private readonly greeting: GreetingConfig) {}

  @Get()
  read(): GreetingConfig {
    return this.greeting;
  }
}
