export enum CustomerStatus {
  Active = 'active',
  Suspended = 'suspended',
  Closed = 'closed',
}

export enum CustomerTag {
  Vip = 'vip',
  Wholesale = 'wholesale',
  Newsletter = 'newsletter',
  Employee = 'employee',
}

export enum ProductStatus {
  Draft = 'draft',
  Active = 'active',
  Archived = 'archived',
}

export enum OrderStatus {
  Pending = 'pending',
  Paid = 'paid',
  Shipped = 'shipped',
  Delivered = 'delivered',
  Cancelled = 'cancelled',
}

export enum PaymentStatus {
  Authorized = 'authorized',
  Captured = 'captured',
  Failed = 'failed',
  Refunded = 'refunded',
}

export enum ShipmentStatus {
  Preparing = 'preparing',
  InTransit = 'in_transit',
  Delivered = 'delivered',
  Returned = 'returned',
}

export enum CouponKind {
  Percent = 'percent',
  Fixed = 'fixed',
}

export enum StockMovementReason {
  Received = 'received',
  Sold = 'sold',
  Returned = 'returned',
  Adjusted = 'adjusted',
  Transferred = 'transferred',
}

export enum PurchaseOrderStatus {
  Draft = 'draft',
  Sent = 'sent',
  Received = 'received',
  Cancelled = 'cancelled',
}

export enum StaffRole {
  Admin = 'admin',
  Support = 'support',
  Warehouse = 'warehouse',
  Marketing = 'marketing',
}
