/** A one-table entity file (`widget`: generated id, varchar name) for tests that need some entity. */
export const WIDGET_ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity('widget')
export class Widget {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 40 })
  name!: string;
}
`;
