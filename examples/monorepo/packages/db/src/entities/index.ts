import { Address } from '@acme/db/entities/address';
import { Category } from '@acme/db/entities/category';
import { Customer } from '@acme/db/entities/customer';
import { Order, OrderStatus } from '@acme/db/entities/order';
import { OrderLine } from '@acme/db/entities/order-line';
import { Product } from '@acme/db/entities/product';

export { Address, Category, Customer, Order, OrderLine, OrderStatus, Product };

/** Every entity of the database, for the DataSource. */
export const entities = [Address, Category, Customer, Order, OrderLine, Product];
