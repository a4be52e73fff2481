import { Check, Column, Entity, OneToMany } from 'typeorm';
import { SerialEntity } from '../common/base.entity';
import { DATETIME, ENUM } from '../common/column-types';
import { CouponKind } from '../common/enums';
import { CouponRedemption } from './coupon-redemption.entity';

@Entity()
@Check('chk_coupon_value', 'value > 0')
export class Coupon extends SerialEntity {
  @Column({ length: 32, unique: true })
  code!: string;

  @Column({ type: ENUM, enum: CouponKind })
  kind!: CouponKind;

  @Column('decimal', { precision: 10, scale: 2 })
  value!: string;

  @Column()
  validFrom!: Date;

  @Column({ type: DATETIME, nullable: true })
  validUntil!: Date | null;

  @Column('int', { nullable: true })
  maxRedemptions!: number | null;

  @OneToMany(() => CouponRedemption, (redemption) => redemption.coupon)
  redemptions!: CouponRedemption[];
}
