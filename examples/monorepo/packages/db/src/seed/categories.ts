/** The categories every shop starts with (a data revision inserts them; its downgrade deletes them). */
export const DEFAULT_CATEGORIES = [{ slug: 'books' }, { slug: 'games' }];
