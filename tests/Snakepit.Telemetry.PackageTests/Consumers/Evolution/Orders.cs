namespace Consumer.Orders
{
    public static class Checkout
    {
        public static void Place(string orderId, double total) =>
            OrdersEvents.OrderPlaced(total: total, orderId: orderId, channel: Channel.Web);
    }
}
