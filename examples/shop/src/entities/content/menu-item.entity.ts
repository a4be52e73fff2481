import { Column, Entity, PrimaryGeneratedColumn, Tree, TreeChildren, TreeParent } from 'typeorm';

/** The storefront navigation (nested set: read often, changed rarely). */
@Entity()
@Tree('nested-set')
export class MenuItem {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ length: 60 })
  title!: string;

  @Column({ length: 200 })
  url!: string;

  @TreeParent()
  parent!: MenuItem | null;

  @TreeChildren()
  children!: MenuItem[];
}
