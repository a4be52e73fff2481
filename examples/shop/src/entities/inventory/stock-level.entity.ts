import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { INVENTORY_SCHEMA } from '../common/column-types';
import { ProductVariant, Warehouse } from '../index';

/** How many of a variant a warehouse holds. */
@Entity({ schema: INVENTORY_SCHEMA })
@Check('chk_stock_level_on_hand', 'on_hand >= 0')
@Check('chk_stock_level_reserved', 'reserved >= 0 AND reserved <= on_hand')
export class StockLevel {
  @PrimaryColumn()
  warehouseId!: number;

  @PrimaryColumn()
  variantId!: number;

  @ManyToOne(() => Warehouse, (warehouse) => warehouse.stockLevels, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'warehouse_id' })
  warehouse!: Warehouse;

  @ManyToOne(() => ProductVariant, (variant) => variant.stockLevels, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'variant_id' })
  variant!: ProductVariant;

  @Column('int', { default: 0 })
  onHand!: number;

  @Column('int', { default: 0 })
  reserved!: number;

  @Column('int', { nullable: true })
  reorderPoint!: number | null;

  @VersionColumn()
  version!: number;

  @UpdateDateColumn()
  updatedAt!: Date;
}
