import { Column } from 'typeorm';

/** A postal address, embedded in customers, orders and warehouses. */
export class Address {
  @Column({ type: 'varchar', length: 120, nullable: true })
  line1!: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  line2!: string | null;

  @Column({ type: 'varchar', length: 80, nullable: true })
  city!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  postalCode!: string | null;

  @Column({ type: 'varchar', length: 2, nullable: true })
  countryCode!: string | null;
}
