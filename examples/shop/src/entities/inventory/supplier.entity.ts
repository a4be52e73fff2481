import { Column, Entity, OneToMany } from 'typeorm';
import { Address } from '../common/address.embedded';
import { SerialEntity } from '../common/base.entity';
import { INVENTORY_SCHEMA } from '../common/column-types';
import { PurchaseOrder } from './purchase-order.entity';

@Entity({ schema: INVENTORY_SCHEMA })
export class Supplier extends SerialEntity {
  @Column({ length: 120, unique: true })
  name!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  @Column(() => Address)
  address!: Address;

  @OneToMany(() => PurchaseOrder, (order) => order.supplier)
  purchaseOrders!: PurchaseOrder[];
}
