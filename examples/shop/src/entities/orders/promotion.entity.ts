import { Check, Column, Entity, JoinTable, ManyToMany } from 'typeorm';
import { SerialEntity } from '../common/base.entity';
import { Product } from '../catalog/product.entity';

@Entity()
@Check('chk_promotion_period', 'ends_at > starts_at')
export class Promotion extends SerialEntity {
  @Column({ length: 120 })
  name!: string;

  @Column()
  startsAt!: Date;

  @Column()
  endsAt!: Date;

  @Column('decimal', { precision: 5, scale: 2 })
  discountPercent!: string;

  @ManyToMany(() => Product, (product) => product.promotions)
  @JoinTable({
    name: 'promotion_product',
    joinColumn: { name: 'promotion_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'product_id', referencedColumnName: 'id' },
  })
  products!: Product[];
}
