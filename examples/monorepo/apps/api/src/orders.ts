import type { DataSource } from 'typeorm';
import { Customer, Order, OrderStatus } from '@acme/db/entities';

export interface OrderSummary {
  id: number;
  customer: string;
  status: OrderStatus;
  totalCents: number;
}

/** A customer's orders with their totals, newest first. */
export async function ordersOf(dataSource: DataSource, email: string): Promise<OrderSummary[]> {
  const customer = await dataSource.getRepository(Customer).findOneByOrFail({ email });
  const orders = await dataSource.getRepository(Order).find({
    where: { customer: { id: customer.id } },
    relations: { lines: true },
    order: { placedAt: 'DESC' },
  });
  return orders.map((order) => ({
    id: order.id,
    customer: customer.email,
    status: order.status,
    totalCents: order.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0),
  }));
}
