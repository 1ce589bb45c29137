namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>Catalogs used by several tests.</summary>
internal static class Catalogs
{
    /// <summary>A small catalog that uses every feature of the format.</summary>
    public const string Shop = """
        catalog: shop
        namespace: Shop.Telemetry
        description: Events of the shop.
        enums:
          payment_method: [card, cash, bank_transfer]
        common_metadata:
          node: { type: string, description: Node that emitted the event. }
          region: string
        events:
          shop.order.placed:
            description: An order was placed.
            frequency: high
            measurements:
              total: { type: double, unit: EUR, description: Order total. }
              item_count: int64
            metadata:
              order_id: { type: string, description: Id of the order. }
              method: payment_method
              coupon: { type: string, optional: true }
          shop.checkout.start:
            description: Checkout started.
            measurements:
              system_time: timestamp
            metadata:
              cart_id: string
              customer: { type: string, optional: true }
          shop.checkout.stop:
            description: Checkout completed.
            measurements:
              duration: duration
            metadata:
              cart_id: string
              customer: { type: string, optional: true }
              outcome: { type: enum, values: [paid, abandoned] }
          shop.checkout.exception:
            description: Checkout failed.
            measurements:
              duration: duration
            metadata:
              cart_id: string
              error: string
          shop.legacy.ping:
            description: Old heartbeat.
            stability: experimental
            deprecated: use shop.order.placed instead
            measurements:
              count: int64
            metadata:
              event: { type: bool, optional: true }
        metrics:
          - { name: shop.order.placed.total, kind: sum, unit: EUR, tags: [method, region], description: Revenue }
          - { name: shop.order.placed.item_count, kind: distribution, buckets: [1, 2, 5, 10], tags: [method], description: Items per order }
          - { name: shop.order.placed.count, kind: counter, tags: [node, coupon], description: Orders placed }
          - { name: shop.checkout.stop.duration, kind: summary, unit: s, tags: [outcome, customer], description: Checkout time }
          - { name: shop.checkout.stop.slowest, event: shop.checkout.stop, measurement: duration, kind: distribution, unit: ms, buckets: [0.5, 1, 2.5], description: Checkout time in ms }
          - { name: shop.legacy.ping.count, kind: last_value, tags: [event], description: Last ping count }
        """;
}
