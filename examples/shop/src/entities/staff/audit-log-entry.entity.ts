import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { JSON_COLUMN } from '../common/column-types';
import { StaffUser } from './staff-user.entity';

/** Who changed what, for the support team. */
@Entity('audit_log')
@Index(['entityType', 'entityId'])
export class AuditLogEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => StaffUser, (staff) => staff.auditLog, { onDelete: 'SET NULL', nullable: true })
  actor!: StaffUser | null;

  @Column({ length: 40 })
  entityType!: string;

  @Column({ length: 64 })
  entityId!: string;

  @Column({ length: 20 })
  action!: string;

  @Column({ type: JSON_COLUMN, nullable: true })
  changes!: Record<string, unknown> | null;

  @CreateDateColumn()
  createdAt!: Date;
}
