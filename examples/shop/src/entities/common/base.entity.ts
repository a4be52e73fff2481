import { CreateDateColumn, DeleteDateColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { isPostgres } from '../../config/env';

/** An integer key: an identity column on PostgreSQL, auto-increment elsewhere. */
export function SerialPrimaryColumn(): PropertyDecorator {
  return isPostgres ? PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' }) : PrimaryGeneratedColumn('increment');
}

/** Creation and update timestamps every table has. */
export abstract class Timestamped {
  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;
}

/** Rows with an integer id. */
export abstract class SerialEntity extends Timestamped {
  @SerialPrimaryColumn()
  id!: number;
}

/** Rows whose id is handed out to the outside world (URLs, e-mails): a uuid. */
export abstract class UuidEntity extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;
}

/** Rows that are soft-deleted and updated concurrently (optimistic locking). */
export abstract class SoftDeletableUuidEntity extends UuidEntity {
  @DeleteDateColumn()
  deletedAt!: Date | null;

  @VersionColumn()
  version!: number;
}

export abstract class SoftDeletableSerialEntity extends SerialEntity {
  @DeleteDateColumn()
  deletedAt!: Date | null;

  @VersionColumn()
  version!: number;
}
