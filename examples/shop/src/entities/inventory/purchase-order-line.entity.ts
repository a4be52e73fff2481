import { Check, Column, Entity, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { INVENTORY_SCHEMA } from '../common/column-types';
import { ProductVariant } from '../catalog/product-variant.entity';
import { PurchaseOrder } from './purchase-order.entity';
import { StockMovement } from './stock-movement.entity';

@Entity({ schema: INVENTORY_SCHEMA })
@Check('chk_purchase_order_line_quantity', 'quantity > 0')
export class PurchaseOrderLine {
  @PrimaryGeneratedColumn()
  id!: number;

  @ManyToOne(() => PurchaseOrder, (order) => order.lines, { onDelete: 'CASCADE', nullable: false })
  purchaseOrder!: PurchaseOrder;

  @ManyToOne(() => ProductVariant, { onDelete: 'RESTRICT', nullable: false })
  variant!: ProductVariant;

  @Column('int')
  quantity!: number;

  @Column('decimal', { precision: 12, scale: 2 })
  unitCost!: string;

  @OneToMany(() => StockMovement, (movement) => movement.purchaseOrderLine)
  movements!: StockMovement[];
}
