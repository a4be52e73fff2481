import { Column, Entity, ManyToOne } from 'typeorm';
import { Address } from '../common/address.embedded';
import { SerialEntity } from '../common/base.entity';
import { Customer } from './customer.entity';

/** An address book entry. */
@Entity()
export class CustomerAddress extends SerialEntity {
  @ManyToOne(() => Customer, (customer) => customer.addresses, { onDelete: 'CASCADE', nullable: false })
  customer!: Customer;

  @Column({ length: 40 })
  label!: string;

  @Column(() => Address, { prefix: false })
  address!: Address;

  @Column({ default: false })
  isDefault!: boolean;
}
