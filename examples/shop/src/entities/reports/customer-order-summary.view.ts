import { DataSource, ViewColumn, ViewEntity } from 'typeorm';
import { Customer } from '../customers/customer.entity';
import { Order } from '../orders/order.entity';

/** Orders and revenue per customer, for the CRM screen. */
@ViewEntity({
  name: 'customer_order_summary',
  expression: (dataSource: DataSource) =>
    dataSource
      .createQueryBuilder()
      .select('customer.id', 'customer_id')
      .addSelect('customer.email', 'email')
      .addSelect('COUNT(o.id)', 'order_count')
      .addSelect('COALESCE(SUM(o.total), 0)', 'total_spent')
      .from(Customer, 'customer')
      .leftJoin(Order, 'o', 'o.customer_id = customer.id')
      .groupBy('customer.id')
      .addGroupBy('customer.email'),
})
export class CustomerOrderSummary {
  @ViewColumn()
  customerId!: string;

  @ViewColumn()
  email!: string;

  @ViewColumn()
  orderCount!: number;

  @ViewColumn()
  totalSpent!: string;
}
