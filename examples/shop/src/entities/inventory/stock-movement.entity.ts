import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ENUM, INVENTORY_SCHEMA } from '../common/column-types';
import { StockMovementReason } from '../common/enums';
import { ProductVariant } from '../catalog/product-variant.entity';
import { PurchaseOrderLine } from './purchase-order-line.entity';
import { Warehouse } from './warehouse.entity';

/** The stock ledger: every change to a stock level, append-only. */
@Entity({ schema: INVENTORY_SCHEMA })
@Index(['warehouse', 'variant', 'occurredAt'])
export class StockMovement {
  @PrimaryGeneratedColumn('increment')
  id!: number;

  @ManyToOne(() => Warehouse, (warehouse) => warehouse.movements, { onDelete: 'CASCADE', nullable: false })
  warehouse!: Warehouse;

  @ManyToOne(() => ProductVariant, { onDelete: 'CASCADE', nullable: false })
  variant!: ProductVariant;

  @Column('int')
  quantity!: number;

  @Column({ type: ENUM, enum: StockMovementReason })
  reason!: StockMovementReason;

  @ManyToOne(() => PurchaseOrderLine, (line) => line.movements, { onDelete: 'SET NULL', nullable: true })
  purchaseOrderLine!: PurchaseOrderLine | null;

  @CreateDateColumn()
  occurredAt!: Date;
}
