import { Injectable } from '@nestjs/common';
import { InjectLive, type Live } from '@strata/nestjs';
import { GreetingConfig } from './sections.js';

/**
 * A singleton: Nest builds it once. It takes the `Live<GreetingConfig>` handle and reads `.current` at each
 * call, so an edited greeting applies to the next request. Injecting `GreetingConfig` itself would freeze the
 * value it was built with.
 */
@Injectable()
export class GreetingService {
  constructor(@InjectLive(GreetingConfig) private readonly greeting: Live<GreetingConfig>) {}

  greet(name: string): string {
    const { text, punctuation } = this.greeting.current;
    return `${text}, ${name}${punctuation}`;
  }
}
