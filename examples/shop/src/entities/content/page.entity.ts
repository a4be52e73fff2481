import { Column, Entity, Index } from 'typeorm';
import { isMariaDb } from '../../config/env';
import { SerialEntity } from '../common/base.entity';
import { DATETIME } from '../common/column-types';

/** CMS pages: "About us", "Shipping", … */
@Entity()
// Only published pages need unique slugs (drafts may share one while being rewritten).
@Index('uq_page_slug_published', ['slug'], { unique: true, where: isMariaDb ? undefined : 'published_at IS NOT NULL' })
export class Page extends SerialEntity {
  @Column({ length: 120 })
  slug!: string;

  @Column({ length: 200 })
  title!: string;

  @Column('text')
  body!: string;

  @Column({ type: DATETIME, nullable: true })
  publishedAt!: Date | null;
}
