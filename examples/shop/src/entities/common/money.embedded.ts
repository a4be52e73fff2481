import { Column } from 'typeorm';

/** An amount with its currency. */
export class Money {
  @Column('decimal', { precision: 12, scale: 2, default: 0 })
  amount!: string;

  @Column({ length: 3, default: 'EUR' })
  currency!: string;
}
