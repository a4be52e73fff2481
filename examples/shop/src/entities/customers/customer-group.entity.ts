import { Check, Column, Entity, JoinTable, ManyToMany } from 'typeorm';
import { SerialEntity } from '../common/base.entity';
import { Customer } from './customer.entity';

/** Price groups (wholesale, staff, …). */
@Entity()
@Check('chk_customer_group_discount', 'discount_percent >= 0 AND discount_percent <= 100')
export class CustomerGroup extends SerialEntity {
  @Column({ length: 60, unique: true })
  name!: string;

  @Column('decimal', { precision: 5, scale: 2, default: 0 })
  discountPercent!: string;

  @ManyToMany(() => Customer, (customer) => customer.groups)
  @JoinTable({
    name: 'customer_group_member',
    joinColumn: { name: 'group_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'customer_id', referencedColumnName: 'id' },
  })
  customers!: Customer[];
}
