export { Author } from './author.js';
export { Book, type BookFormat } from './book.js';
export { Loan } from './loan.js';
export { Member } from './member.js';
export { Publisher } from './publisher.js';
export { Review } from './review.js';
