import { Column, Entity, ManyToOne, OneToMany } from 'typeorm';
import { SerialEntity } from '../common/base.entity';
import { DATETIME, ENUM, INVENTORY_SCHEMA } from '../common/column-types';
import { PurchaseOrderStatus } from '../common/enums';
import { PurchaseOrderLine } from './purchase-order-line.entity';
import { Supplier } from './supplier.entity';
import { Warehouse } from './warehouse.entity';

@Entity({ schema: INVENTORY_SCHEMA })
export class PurchaseOrder extends SerialEntity {
  @ManyToOne(() => Supplier, (supplier) => supplier.purchaseOrders, { onDelete: 'RESTRICT', nullable: false })
  supplier!: Supplier;

  @ManyToOne(() => Warehouse, (warehouse) => warehouse.purchaseOrders, { onDelete: 'RESTRICT', nullable: false })
  warehouse!: Warehouse;

  @Column({ type: ENUM, enum: PurchaseOrderStatus, default: PurchaseOrderStatus.Draft })
  status!: PurchaseOrderStatus;

  @Column({ type: DATETIME, nullable: true })
  orderedAt!: Date | null;

  @Column({ type: DATETIME, nullable: true })
  expectedAt!: Date | null;

  @OneToMany(() => PurchaseOrderLine, (line) => line.purchaseOrder, { cascade: true })
  lines!: PurchaseOrderLine[];
}
