import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SchemaMigrator } from './schema-migrator.service';
import { typeOrmOptions } from './typeorm-options';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        ...typeOrmOptions(config),
        // Inside Nest, the entities are the ones feature modules register with forFeature().
        entities: [],
        autoLoadEntities: true,
      }),
    }),
  ],
  providers: [SchemaMigrator],
  exports: [SchemaMigrator],
})
export class DatabaseModule {}
