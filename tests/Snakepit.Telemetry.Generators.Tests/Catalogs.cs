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
          anything: [goes, here]
        """;
}
