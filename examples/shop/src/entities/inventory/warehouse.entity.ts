import { Column, Entity, OneToMany } from 'typeorm';
import { Address } from '../common/address.embedded';
import { SerialEntity } from '../common/base.entity';
import { INVENTORY_SCHEMA } from '../common/column-types';
import { Shipment } from '../shipping/shipment.entity';
import { PurchaseOrder } from './purchase-order.entity';
import { StockLevel } from './stock-level.entity';
import { StockMovement } from './stock-movement.entity';

@Entity({ schema: INVENTORY_SCHEMA })
export class Warehouse extends SerialEntity {
  @Column({ length: 12, unique: true })
  code!: string;

  @Column({ length: 80 })
  name!: string;

  @Column(() => Address)
  address!: Address;

  @Column({ default: true })
  active!: boolean;

  @OneToMany(() => StockLevel, (level) => level.warehouse)
  stockLevels!: StockLevel[];

  @OneToMany(() => StockMovement, (movement) => movement.warehouse)
  movements!: StockMovement[];

  @OneToMany(() => PurchaseOrder, (order) => order.warehouse)
  purchaseOrders!: PurchaseOrder[];

  @OneToMany(() => Shipment, (shipment) => shipment.warehouse)
  shipments!: Shipment[];
}
