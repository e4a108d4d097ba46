import { type DynamicModule, Module } from '@nestjs/common';
import { StrataModule } from '@strata/nestjs';
import definition from './definition.js';
import { GreetingController } from './greeting.controller.js';
import { GreetingService } from './greeting.service.js';
import { SettingsController } from './settings.controller.js';

/** Options of {@link AppModule.forRoot}. */
export interface AppOptions {
  /** The directory holding `config/`. */
  readonly cwd: string;
  /** The environment variables `APP_*` values come from. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The application: Strata's module (global, watching the files) and the greeting endpoints. */
@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        StrataModule.forRoot(definition, {
          isGlobal: true,
          watch: true,
          cwd: options.cwd,
          ...(options.env === undefined ? {} : { env: options.env }),
        }),
      ],
      controllers: [GreetingController, SettingsController],
      providers: [GreetingService],
    };
  }
}
