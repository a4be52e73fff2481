import { Column, Entity, OneToMany } from 'typeorm';
import { isPostgres } from '../../config/env';
import { UuidEntity } from '../common/base.entity';
import { ENUM } from '../common/column-types';
import { StaffRole } from '../common/enums';
import { AuditLogEntry, OrderStatusChange } from '../index';

@Entity()
export class StaffUser extends UuidEntity {
  @Column({ length: 254, unique: true })
  email!: string;

  @Column({ length: 120 })
  displayName!: string;

  @Column({ type: ENUM, enum: StaffRole, default: StaffRole.Support })
  primaryRole!: StaffRole;

  // Extra roles: an enum array on PostgreSQL, a comma-separated list elsewhere.
  @Column(isPostgres ? { type: 'enum', enum: StaffRole, enumName: 'staff_role', array: true, default: '{}' } : { type: 'simple-array', nullable: true })
  extraRoles!: StaffRole[];

  @Column({ default: true })
  active!: boolean;

  @OneToMany(() => OrderStatusChange, (change) => change.changedBy)
  statusChanges!: OrderStatusChange[];

  @OneToMany(() => AuditLogEntry, (entry) => entry.actor)
  auditLog!: AuditLogEntry[];
}
