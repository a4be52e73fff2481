/**
 * The smallest useful entity source: table `name` with an `id` and a `name varchar(40)`. `prelude`
 * goes after the typeorm import (more imports, code that runs when the module loads).
 */
export function widgetEntitySource(table = 'widget', prelude = ''): string {
  const className = table.replace(/(^|_)(\w)/g, (_, __, c: string) => c.toUpperCase());
  return `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
${prelude}
@Entity('${table}')
export class ${className} {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ length: 40 })
  name!: string;
}
`;
}
