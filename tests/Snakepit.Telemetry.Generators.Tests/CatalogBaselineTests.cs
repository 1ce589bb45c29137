using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Snakepit.Telemetry.TestCases;
using Xunit;

namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>
/// A catalog with a shipped baseline (<c>events.shipped.yaml</c>): every breaking change is SNK109 at the node that
/// changed (for something removed, the key of its nearest surviving parent); compatible changes build clean.
/// </summary>
public class CatalogBaselineTests
{
    private const string CatalogPath = "/app/events.yaml";
    private const string BaselinePath = "/app/events.shipped.yaml";

    internal const string Shipped = """
        catalog: shop
        namespace: Shop.Telemetry
        enums:
          payment_method: [card, cash, voucher]
        common_metadata:
          node: string
          region: { type: string, optional: true }
        events:
          shop.order.placed:
            description: An order was placed.
            measurements:
              total: double
              items: { type: int64, unit: "{item}" }
              shipping_fee: double
            metadata:
              customer_id: { type: string, cardinality: high }
              coupon: { type: string, optional: true }
              payment: payment_method
              channel: { type: enum, values: [web, app, store] }
          shop.order.shipped:
            description: An order was shipped.
            measurements:
              handling: duration
            metadata:
              carrier: string
          shop.cart.abandoned:
            description: A cart was abandoned.
            deprecated: use shop.order.placed
            measurements:
              value: double
        metrics:
          - { name: shop.order.placed.count, kind: counter, tags: [payment, channel], description: Orders }
          - { name: shop.order.placed.total, kind: sum, unit: EUR, description: Revenue }
          - { name: shop.orders, event: shop.order.placed, kind: counter, description: Orders by event }
          - { name: shop.order.fees, event: shop.order.placed, measurement: total, kind: sum, description: Fees }
          - { name: shop.cart.abandoned.value, kind: sum, description: Lost revenue }

        """;

    [Fact]
    public void The_shipped_catalog_unchanged_builds_clean()
    {
        var result = Run(Shipped, Shipped);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        Assert.NotEmpty(result.Sources);
    }

    [Theory]
    // An event removed: at the 'events' key.
    [InlineData("  shop.order.shipped:\n    description: An order was shipped.\n    measurements:\n      handling: duration\n    metadata:\n      carrier: string\n", "", "events", "\nevents:",
        "event 'shop.order.shipped' was removed; the shipped baseline 'events.shipped.yaml' has it, not marked 'deprecated'")]
    // A measurement removed: at its section's key; the section removed: at the event's key.
    [InlineData("      items: { type: int64, unit: \"{item}\" }\n", "", "measurements", "shop.order.placed:",
        "measurement 'items' of event 'shop.order.placed' was removed; the shipped baseline 'events.shipped.yaml' has measurement 'items' of type 'int64', required")]
    [InlineData("      carrier: string\n", "", "metadata", "shop.order.shipped:",
        "metadata field 'carrier' of event 'shop.order.shipped' was removed")]
    [InlineData("    metadata:\n      carrier: string\n", "", "shop.order.shipped", "\nevents:",
        "metadata field 'carrier' of event 'shop.order.shipped' was removed")]
    // A common metadata field removed: at 'common_metadata'.
    [InlineData("  region: { type: string, optional: true }\n", "", "common_metadata", "",
        "metadata field 'region' of the common metadata was removed")]
    // A type changed: at the type, shorthand or 'type:'.
    [InlineData("total: double", "total: int64", "int64", "total:",
        "measurement 'total' of event 'shop.order.placed' changed type to 'int64'; the shipped baseline 'events.shipped.yaml' has measurement 'total' of type 'double', required")]
    [InlineData("items: { type: int64,", "items: { type: double,", "double", "items:",
        "measurement 'items' of event 'shop.order.placed' changed type to 'double'")]
    [InlineData("carrier: string", "carrier: payment_method", "payment_method", "carrier:",
        "metadata field 'carrier' of event 'shop.order.shipped' changed type to enum 'payment_method'; the shipped baseline 'events.shipped.yaml' has metadata field 'carrier' of type 'string', required")]
    [InlineData("payment: payment_method", "payment: { type: enum, values: [card, cash, voucher] }", "enum", "payment:",
        "metadata field 'payment' of event 'shop.order.placed' changed type to an inline enum (OrderPlacedPayment); the shipped baseline 'events.shipped.yaml' has metadata field 'payment' of type enum 'payment_method', required")]
    [InlineData("channel: { type: enum, values: [web, app, store] }", "channel: payment_method", "payment_method", "channel:",
        "metadata field 'channel' of event 'shop.order.placed' changed type to enum 'payment_method'; the shipped baseline 'events.shipped.yaml' has metadata field 'channel' of type an inline enum (OrderPlacedChannel), required")]
    // Enum values inserted before existing ones or reordered: at the first value whose number changed.
    [InlineData("payment_method: [card, cash, voucher]", "payment_method: [card, wallet, cash, voucher]", "cash", "enums:",
        "value 'cash' of enum 'payment_method' moved from position 2 to 3; the shipped baseline 'events.shipped.yaml' has [card, cash, voucher]. C# numbers enum members in order, so PaymentMethod.Cash changes its number")]
    [InlineData("values: [web, app, store]", "values: [app, web, store]", "web", "channel:",
        "value 'web' of the values of field 'channel' moved from position 1 to 2")]
    // A unit changed: durations (workers report in it; ns by default) and other fields that declare one.
    [InlineData("handling: duration", "handling: { type: duration, unit: us }", "us", "handling:",
        "measurement 'handling' of event 'shop.order.shipped' changed unit to 'us'; the shipped baseline 'events.shipped.yaml' has unit 'ns'. Workers report it in the unit the catalog declares")]
    [InlineData("unit: \"{item}\"", "unit: boxes", "boxes", "items:",
        "measurement 'items' of event 'shop.order.placed' changed unit to 'boxes'; the shipped baseline 'events.shipped.yaml' has unit '{item}'")]
    [InlineData("  node: string\n", "  node: bool\n", "bool", "common_metadata:",
        "metadata field 'node' of the common metadata changed type to 'bool'")]
    // Optionality changed either way: at 'optional:', or the field's key when it does not say.
    [InlineData("coupon: { type: string, optional: true }", "coupon: string", "coupon", "\n    metadata:",
        "metadata field 'coupon' of event 'shop.order.placed' is now required; the shipped baseline 'events.shipped.yaml' has metadata field 'coupon' of type 'string', optional. Emit calls and workers that leave it out break.")]
    [InlineData("coupon: { type: string, optional: true }", "coupon: { type: string, optional: false }", "false", "coupon:",
        "metadata field 'coupon' of event 'shop.order.placed' is now required")]
    [InlineData("customer_id: { type: string, cardinality: high }", "customer_id: { type: string, cardinality: high, optional: true }", "true", "customer_id:",
        "metadata field 'customer_id' of event 'shop.order.placed' is now optional; the shipped baseline 'events.shipped.yaml' has metadata field 'customer_id' of type 'string', required. Handlers that read it as always present break")]
    // A required field added to an existing event, or to the common metadata: at the new field.
    [InlineData("      carrier: string\n", "      carrier: string\n      warehouse: string\n", "warehouse", "",
        "required metadata field 'warehouse' was added to event 'shop.order.shipped'; the shipped baseline 'events.shipped.yaml' has the event without it")]
    [InlineData("      total: double\n", "      total: double\n      tax: double\n", "tax", "",
        "required measurement 'tax' was added to event 'shop.order.placed'")]
    [InlineData("  node: string\n", "  node: string\n  zone: string\n", "zone", "",
        "required metadata field 'zone' was added to the common metadata; the shipped baseline 'events.shipped.yaml' has events without it")]
    // An enum value removed: at the named enum's key, or at the inline enum's 'values' key.
    [InlineData("payment_method: [card, cash, voucher]", "payment_method: [card, voucher]", "payment_method", "enums:",
        "value 'cash' was removed from enum 'payment_method'; the shipped baseline 'events.shipped.yaml' has [card, cash, voucher]. Code that uses PaymentMethod.Cash")]
    [InlineData("values: [web, app, store]", "values: [web, app]", "values", "channel:",
        "value 'store' was removed from the values of field 'channel'; the shipped baseline 'events.shipped.yaml' has [web, app, store]")]
    // A metric removed: at the 'metrics' key.
    [InlineData("  - { name: shop.order.placed.total, kind: sum, unit: EUR, description: Revenue }\n", "", "metrics", "\nmetrics:",
        "metric 'shop.order.placed.total' was removed; the shipped baseline 'events.shipped.yaml' has it (sum of event 'shop.order.placed' measurement 'total')")]
    // A metric's kind, unit or event changed: at that value, or at the metric's name when it is no longer written.
    [InlineData("kind: sum, unit: EUR", "kind: last_value, unit: EUR", "last_value", "\nmetrics:",
        "metric 'shop.order.placed.total' changed kind to 'last_value'; the shipped baseline 'events.shipped.yaml' has kind 'sum'")]
    [InlineData("unit: EUR", "unit: USD", "USD", "\nmetrics:",
        "metric 'shop.order.placed.total' changed unit to 'USD'; the shipped baseline 'events.shipped.yaml' has unit 'EUR'")]
    [InlineData("kind: sum, unit: EUR, description: Revenue", "kind: sum, description: Revenue", "shop.order.placed.total", "\nmetrics:",
        "metric 'shop.order.placed.total' changed unit to none; the shipped baseline 'events.shipped.yaml' has unit 'EUR'")]
    [InlineData("name: shop.orders, event: shop.order.placed", "name: shop.orders, event: shop.order.shipped", "shop.order.shipped", "name: shop.orders",
        "metric 'shop.orders' now records event 'shop.order.shipped'; the shipped baseline 'events.shipped.yaml' has it recording event 'shop.order.placed'")]
    [InlineData("measurement: total, kind: sum, description: Fees", "measurement: shipping_fee, kind: sum, description: Fees", "shipping_fee", "name: shop.order.fees",
        "metric 'shop.order.fees' now records measurement 'shipping_fee'; the shipped baseline 'events.shipped.yaml' has it recording measurement 'total'")]
    // A metric tag removed: at 'tags', or at the metric's name when no tags are left.
    [InlineData("tags: [payment, channel]", "tags: [payment]", "tags", "\nmetrics:",
        "tag 'channel' was removed from metric 'shop.order.placed.count'; the shipped baseline 'events.shipped.yaml' has tags [payment, channel]")]
    // The namespace changed: at its value.
    [InlineData("namespace: Shop.Telemetry", "namespace: Store.Telemetry", "Store.Telemetry", "",
        "the namespace changed to 'Store.Telemetry'; the shipped baseline 'events.shipped.yaml' has 'namespace: Shop.Telemetry'")]
    public void A_breaking_change_is_SNK109_at_the_node_that_changed(string find, string replace, string at, string from, string message)
    {
        Assert.Contains(find, Shipped);
        var current = Shipped.Replace(find, replace);
        var diagnostic = SingleBreak(current);
        Assert.Contains(message, diagnostic.GetMessage());
        AssertAt(current, diagnostic, at, from);
    }

    [Fact]
    public void The_message_says_what_the_baseline_had_and_how_to_accept_the_change()
    {
        var current = Shipped.Replace("total: double", "total: int64");
        var diagnostic = SingleBreak(current);
        Assert.Equal(
            "Breaking change: measurement 'total' of event 'shop.order.placed' changed type to 'int64'; the shipped baseline 'events.shipped.yaml' has measurement 'total' of type 'double', required. " +
            "Code that reads or writes it and workers that send it break. Undo the change, or, if the break is intended, accept it: run 'dotnet msbuild -t:SnakepitShipCatalogs' (it copies the catalog onto 'events.shipped.yaml'), commit both and release a new major version.",
            diagnostic.GetMessage());
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(CatalogPath, diagnostic.Location.GetLineSpan().Path);
        Assert.Equal("https://github.com/snakepit-generators/Snakepit.Generators/blob/main/docs/diagnostics/SNK109.md", diagnostic.Descriptor.HelpLinkUri);
    }

    [Fact]
    public void The_catalog_renamed_is_one_SNK109_at_its_name()
    {
        var current = Shipped.Replace("catalog: shop", "catalog: store").Replace("shop.", "store.");
        var diagnostic = SingleBreak(current);
        Assert.Contains("the catalog's name changed to 'store'; the shipped baseline 'events.shipped.yaml' has 'catalog: shop'. Every event and metric name changes with it", diagnostic.GetMessage());
        AssertAt(current, diagnostic, "store", "");
    }

    [Fact]
    public void A_tag_list_removed_reports_each_tag_at_the_metrics_name()
    {
        var current = Shipped.Replace(", tags: [payment, channel]", "");
        var breaks = Breaks(current);
        Assert.Equal(2, breaks.Count);
        Assert.Contains("tag 'payment' was removed from metric 'shop.order.placed.count'", breaks[0].GetMessage());
        Assert.Contains("tag 'channel' was removed from metric 'shop.order.placed.count'", breaks[1].GetMessage());
        Assert.All(breaks, d => AssertAt(current, d, "shop.order.placed.count", "\nmetrics:"));
    }

    [Fact]
    public void An_event_renamed_is_its_old_name_removed()
    {
        var current = Shipped.Replace("shop.order.shipped:", "shop.order.dispatched:");
        var diagnostic = SingleBreak(current);
        Assert.Contains("event 'shop.order.shipped' was removed", diagnostic.GetMessage());
        AssertAt(current, diagnostic, "events", "\nevents:");
    }

    [Fact]
    public void A_field_moved_between_measurements_and_metadata_is_reported_at_its_new_place()
    {
        var current = Shipped.Replace("      items: { type: int64, unit: \"{item}\" }\n", "").Replace("      customer_id:", "      items: int64\n      customer_id:");
        var diagnostic = SingleBreak(current);
        Assert.Contains("field 'items' of event 'shop.order.placed' moved from measurements to metadata; the shipped baseline 'events.shipped.yaml' has measurement 'items' of type 'int64', required", diagnostic.GetMessage());
        AssertAt(current, diagnostic, "items", "\n    metadata:");
    }

    [Fact]
    public void Several_breaking_changes_are_each_reported()
    {
        var current = Shipped
            .Replace("total: double", "total: int64")
            .Replace("payment_method: [card, cash, voucher]", "payment_method: [card]")
            .Replace("  - { name: shop.orders, event: shop.order.placed, kind: counter, description: Orders by event }\n", "");
        var messages = Breaks(current).Select(d => d.GetMessage()).ToList();
        Assert.Equal(4, messages.Count);
        Assert.Contains(messages, m => m.Contains("changed type to 'int64'"));
        Assert.Contains(messages, m => m.Contains("value 'cash' was removed"));
        Assert.Contains(messages, m => m.Contains("value 'voucher' was removed"));
        Assert.Contains(messages, m => m.Contains("metric 'shop.orders' was removed"));
    }

    [Fact]
    public void A_field_made_optional_that_also_lost_an_enum_value_reports_both()
    {
        var current = Shipped.Replace("channel: { type: enum, values: [web, app, store] }", "channel: { type: enum, values: [web, app], optional: true }");
        var breaks = Breaks(current);
        Assert.Equal(2, breaks.Count);
        Assert.Contains("metadata field 'channel' of event 'shop.order.placed' is now optional", breaks[0].GetMessage());
        AssertAt(current, breaks[0], "true", "channel: { type: enum");
        Assert.Contains("value 'store' was removed from the values of field 'channel'", breaks[1].GetMessage());
        AssertAt(current, breaks[1], "values", "channel: { type: enum");
    }

    [Theory]
    // Additions: events, optional fields (own and common), enum values, metrics, tags.
    [InlineData("events:\n", "events:\n  shop.order.cancelled:\n    description: An order was cancelled.\n    metadata:\n      reason: string\n")]
    [InlineData("      carrier: string\n", "      carrier: string\n      tracking_id: { type: string, optional: true, cardinality: high }\n")]
    [InlineData("      total: double\n", "      total: double\n      discount: { type: double, optional: true }\n")]
    [InlineData("  node: string\n", "  node: string\n  zone: { type: string, optional: true }\n")]
    [InlineData("[card, cash, voucher]", "[card, cash, voucher, wallet]")]
    [InlineData("values: [web, app, store]", "values: [web, app, store, kiosk]")]
    [InlineData("metrics:\n", "metrics:\n  - { name: shop.order.shipped.count, kind: counter, tags: [carrier], description: Shipments }\n")]
    [InlineData("tags: [payment, channel]", "tags: [payment, channel, node]")]
    // Documentation, frequency, stability, cardinality, units of fields, buckets, order.
    [InlineData("description: An order was placed.", "description: A customer placed an order.")]
    [InlineData("    description: An order was shipped.\n", "    description: An order was shipped.\n    frequency: low\n    stability: experimental\n")]
    [InlineData("customer_id: { type: string, cardinality: high }", "customer_id: { type: string, cardinality: low, description: The customer. }")]
    [InlineData("description: Revenue }", "description: Revenue in euros }")]
    [InlineData("shipping_fee: double", "shipping_fee: { type: double, unit: EUR }")]
    [InlineData("handling: duration", "handling: { type: duration, unit: ns }")]
    // Deprecating an event, and removing one the baseline deprecates, with its metric.
    [InlineData("    description: An order was shipped.\n", "    description: An order was shipped.\n    deprecated: use shop.order.placed\n")]
    [InlineData("  shop.cart.abandoned:\n    description: A cart was abandoned.\n    deprecated: use shop.order.placed\n    measurements:\n      value: double\n", "")]
    public void A_compatible_change_builds_clean(string find, string replace)
    {
        Assert.Contains(find, Shipped);
        var current = Shipped.Replace(find, replace);
        if (replace.Length == 0 && find.Contains("shop.cart.abandoned"))
        {
            current = current.Replace("  - { name: shop.cart.abandoned.value, kind: sum, description: Lost revenue }\n", "");
        }

        var result = Run(Shipped, current);
        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "SNK107"));
        Assert.NotEmpty(result.Sources);
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void A_deprecated_event_of_the_baseline_may_change_its_fields()
    {
        var result = Run(Shipped, Shipped.Replace("      value: double\n", "      value: int64\n"));
        Assert.Empty(result.GeneratorDiagnostics);
    }

    [Fact]
    public void A_baseline_event_marked_deprecated_false_is_not_deprecated()
    {
        var baseline = Shipped.Replace("    description: An order was shipped.\n", "    description: An order was shipped.\n    deprecated: false\n");
        var current = Shipped.Replace("      carrier: string\n", "");
        var result = Run(baseline, current);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Contains("metadata field 'carrier' of event 'shop.order.shipped' was removed", diagnostic.GetMessage());

        // Nor is the generated code obsolete.
        var own = GeneratorHarness.Run(baseline, CatalogPath);
        Assert.Empty(own.GeneratorDiagnostics);
        Assert.DoesNotContain(own.Sources.Values, source => source.Contains("OrderShipped") && source.Contains("Obsolete(\"false\")"));
        Assert.DoesNotContain(own.Sources.Values, source => source.Contains("Obsolete(\"false\")"));
    }

    [Fact]
    public void A_baseline_event_marked_deprecated_true_may_be_removed()
    {
        var baseline = Shipped.Replace("    description: An order was shipped.\n", "    description: An order was shipped.\n    deprecated: true\n");
        var current = Shipped.Replace("  shop.order.shipped:\n    description: An order was shipped.\n    measurements:\n      handling: duration\n    metadata:\n      carrier: string\n", "");
        Assert.Empty(Run(baseline, current).GeneratorDiagnostics);
    }

    [Fact]
    public void A_common_field_moved_into_every_event_or_back_is_no_change()
    {
        const string Common = """
            catalog: shop
            namespace: Shop.Telemetry
            common_metadata:
              node: string
            events:
              shop.order.placed:
                description: An order was placed.
                metadata: { order_id: string }
              shop.order.shipped:
                description: An order was shipped.
                metadata: { carrier: string }

            """;
        var own = Common.Replace("common_metadata:\n  node: string\n", "")
            .Replace("{ order_id: string }", "{ order_id: string, node: string }")
            .Replace("{ carrier: string }", "{ carrier: string, node: string }");
        Assert.Empty(Run(Common, own).GeneratorDiagnostics);
        Assert.Empty(Run(own, Common).GeneratorDiagnostics);

        // Into one event only: the other lost it, reported once where the common metadata was.
        var partly = Common.Replace("common_metadata:\n  node: string\n", "").Replace("{ order_id: string }", "{ order_id: string, node: string }");
        var diagnostic = Assert.Single(Run(Common, partly).GeneratorDiagnostics);
        Assert.Contains("metadata field 'node' of the common metadata was removed", diagnostic.GetMessage());
        AssertAt(partly, diagnostic, "shop", "");

        // A type changed on the way is still reported, at the event's field.
        var retyped = own.Replace("{ carrier: string, node: string }", "{ carrier: string, node: bool }");
        var change = Assert.Single(Run(Common, retyped).GeneratorDiagnostics);
        Assert.Contains("metadata field 'node' of event 'shop.order.shipped' changed type to 'bool'", change.GetMessage());
    }

    [Fact]
    public void A_catalog_path_with_dot_dot_segments_finds_its_baseline()
    {
        var result = GeneratorHarness.Run(
            new[]
            {
                new InMemoryText("/repo/app/../shared/./events.yaml", Shipped.Replace("total: double", "total: int64")),
                new InMemoryText("/repo/shared/events.shipped.yaml", Shipped),
            },
            LanguageVersion.Latest);
        Assert.Equal("SNK109", Assert.Single(result.GeneratorDiagnostics).Id);
    }

    [Theory]
    [InlineData("/repo/app/../shared/./events.yaml", "/repo/shared/events.yaml")]
    [InlineData("C:\\repo\\app\\..\\shared\\events.yaml", "C:/repo/shared/events.yaml")]
    [InlineData("/a//b/events.yaml", "/a/b/events.yaml")]
    [InlineData("../x/events.yaml", "../x/events.yaml")]
    public void Paths_are_compared_with_dot_segments_resolved(string path, string normalized) =>
        Assert.Equal(normalized, Evolution.BaselineCheck.Normalize(path));

    public static TheoryData<string, bool> EquivalentSeeds()
    {
        var data = new TheoryData<string, bool>();
        var seeds = Directory.GetFiles(HostileCatalogTests.CorpusDirectory(), "clean-*.yaml").OrderBy(f => f, StringComparer.Ordinal)
            .Append("shipped").Append("snakepit");
        foreach (var seed in seeds)
        {
            data.Add(seed, true);
            data.Add(seed, false);
        }

        return data;
    }

    /// <summary>
    /// The same catalog written in another YAML style (everything in flow style, or everything in block style, as
    /// YamlDotNet writes it: comments gone, quoting its own) is no change, either way round.
    /// </summary>
    [Theory]
    [MemberData(nameof(EquivalentSeeds))]
    public void The_same_catalog_in_another_yaml_style_is_no_change(string seed, bool flow)
    {
        var original = seed switch
        {
            "shipped" => Shipped,
            "snakepit" => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "events.yaml")),
            _ => File.ReadAllText(seed),
        };
        var restyled = Restyle(original, flow);
        Assert.NotEqual(original, restyled);
        foreach (var (current, baseline) in new[] { (restyled, original), (original, restyled) })
        {
            var found = Evolution.BaselineCheck.Run(
                Parsing.ParsedCatalogFile.Parse(new Model.CatalogFileText(CatalogPath, current)),
                System.Collections.Immutable.ImmutableArray.Create(Parsing.ParsedCatalogFile.Parse(new Model.CatalogFileText(BaselinePath, baseline))),
                default);
            Assert.Empty(found.Select(d => d.ToDiagnostic().ToString()));
        }
    }

    private static string Restyle(string yaml, bool flow)
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(yaml));
        foreach (var node in stream.Documents[0].AllNodes)
        {
            switch (node)
            {
                case YamlDotNet.RepresentationModel.YamlMappingNode mapping:
                    mapping.Style = flow ? YamlDotNet.Core.Events.MappingStyle.Flow : YamlDotNet.Core.Events.MappingStyle.Block;
                    break;
                case YamlDotNet.RepresentationModel.YamlSequenceNode sequence:
                    sequence.Style = flow ? YamlDotNet.Core.Events.SequenceStyle.Flow : YamlDotNet.Core.Events.SequenceStyle.Block;
                    break;
            }
        }

        var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    [Fact]
    public void Without_a_baseline_nothing_is_checked()
    {
        var current = Shipped.Replace("total: double", "total: int64");
        var result = GeneratorHarness.Run(current, CatalogPath);
        Assert.Empty(result.GeneratorDiagnostics);
    }

    [Fact]
    public void A_baseline_is_never_taken_as_a_catalog()
    {
        var result = GeneratorHarness.Run(new[] { new InMemoryText(BaselinePath, Shipped) }, LanguageVersion.Latest);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.SourcesOf<CatalogGenerator>());
    }

    [Fact]
    public void Each_catalog_is_checked_against_its_own_baseline_only()
    {
        var billing = Shipped.Replace("catalog: shop", "catalog: billing").Replace("shop.", "billing.").Replace("Shop.Telemetry", "Billing.Telemetry");
        var result = GeneratorHarness.Run(
            new[]
            {
                new InMemoryText("/app/events.yaml", Shipped.Replace("total: double", "total: int64")),
                new InMemoryText("/app/billing.events.yaml", billing.Replace("total: double", "total: int64")),
                new InMemoryText("/app/billing.events.shipped.yaml", billing),
                new InMemoryText("/other/events.shipped.yaml", Shipped),
            },
            LanguageVersion.Latest);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("SNK109", diagnostic.Id);
        Assert.Equal("/app/billing.events.yaml", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains("the shipped baseline 'billing.events.shipped.yaml' has measurement 'total' of type 'double'", diagnostic.GetMessage());
    }

    [Fact]
    public void A_catalog_with_errors_reports_those_and_is_not_compared()
    {
        var current = Shipped.Replace("items: { type: int64,", "items: { type: int46,").Replace("      carrier: string\n", "");
        var result = Run(Shipped, current);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("SNK104", diagnostic.Id);
    }

    [Fact]
    public void A_baseline_that_cannot_be_read_is_SNK110_in_the_baseline_and_the_catalog_still_generates()
    {
        var baseline = Shipped.Replace("items: { type: int64,", "items: { type: int46,");
        var result = Run(baseline, Shipped.Replace("      carrier: string\n", ""));
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("SNK110", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(BaselinePath, diagnostic.Location.GetLineSpan().Path);
        Assert.StartsWith("The shipped baseline 'events.shipped.yaml' cannot be read (SNK104 at line 13: Unknown type 'int46' for 'items' of event 'shop.order.placed'", diagnostic.GetMessage());
        Assert.EndsWith("so catalog 'events.yaml' is not checked for breaking changes: fix the baseline, or write it again from the released catalog with 'dotnet msbuild -t:SnakepitShipCatalogs'", diagnostic.GetMessage());
        AssertAt(baseline, diagnostic, "int46", "");
        Assert.NotEmpty(result.Sources);
    }

    [Fact]
    public void Snakepits_own_catalog_has_no_breaking_change_against_its_baseline()
    {
        var root = RepositoryRoot.Path;
        var result = GeneratorHarness.Run(
            new[]
            {
                new InMemoryText(Path.Combine(root, "events.yaml"), File.ReadAllText(Path.Combine(root, "events.yaml"))),
                new InMemoryText(Path.Combine(root, "events.shipped.yaml"), File.ReadAllText(Path.Combine(root, "events.shipped.yaml"))),
            },
            LanguageVersion.Latest);
        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Id is "SNK109" or "SNK110"));
    }

    [Fact]
    public void Editing_unrelated_code_reads_neither_the_catalog_nor_its_baseline_again()
    {
        var catalog = new CountingText(CatalogPath, Shipped.Replace("total: double", "total: int64"));
        var baseline = new CountingText(BaselinePath, Shipped);
        var compilation = GeneratorHarness.Compilation(LanguageVersion.Latest, "namespace App { public class A { public int X => 1; } }");
        var driver = GeneratorHarness.Driver(new AdditionalText[] { catalog, baseline });
        driver = driver.RunGenerators(compilation);
        var reads = (catalog.Reads, baseline.Reads);
        Assert.True(reads.Item1 > 0 && reads.Item2 > 0);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.First(),
            CSharpSyntaxTree.ParseText("namespace App { public class A { public int X => 2; } }", new CSharpParseOptions(LanguageVersion.Latest), path: "Source0.cs"));
        driver = driver.RunGenerators(edited);
        Assert.Equal(reads, (catalog.Reads, baseline.Reads));

        var result = driver.GetRunResult().Results.Single(r => r.Generator.GetGeneratorType() == typeof(CatalogGenerator));
        foreach (var step in new[] { CatalogGenerator.Steps.CatalogTexts, CatalogGenerator.Steps.ParsedCatalogs, CatalogGenerator.Steps.BaselineTexts, CatalogGenerator.Steps.ParsedBaselines, CatalogGenerator.Steps.BaselineChecks })
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} was {o.Reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal("SNK109", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void Editing_the_baseline_compares_again_but_leaves_the_generated_code_cached()
    {
        var catalog = new InMemoryText(CatalogPath, Shipped.Replace("total: double", "total: int64"));
        var baseline = new InMemoryText(BaselinePath, Shipped);
        var compilation = GeneratorHarness.Compilation(LanguageVersion.Latest, "namespace App { public class A { } }");
        var driver = GeneratorHarness.Driver(new AdditionalText[] { catalog, baseline });
        driver = driver.RunGenerators(compilation);

        // Accepting the change: the baseline becomes the catalog.
        driver = driver.ReplaceAdditionalText(baseline, new InMemoryText(BaselinePath, catalog.GetText().ToString()));
        driver = driver.RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single(r => r.Generator.GetGeneratorType() == typeof(CatalogGenerator));
        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.TrackedSteps[CatalogGenerator.Steps.BaselineChecks].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.All(result.TrackedSteps[CatalogGenerator.Steps.ParsedCatalogs].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.All(result.TrackedSteps[CatalogGenerator.Steps.Sources].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
    }

    [Fact]
    public void Editing_the_catalog_compares_again_without_parsing_the_baseline_again()
    {
        var catalog = new InMemoryText(CatalogPath, Shipped);
        var baseline = new CountingText(BaselinePath, Shipped);
        var compilation = GeneratorHarness.Compilation(LanguageVersion.Latest, "namespace App { public class A { } }");
        var driver = GeneratorHarness.Driver(new AdditionalText[] { catalog, baseline });
        driver = driver.RunGenerators(compilation);
        var reads = baseline.Reads;

        driver = driver.ReplaceAdditionalText(catalog, new InMemoryText(CatalogPath, Shipped.Replace("total: double", "total: int64")));
        driver = driver.RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single(r => r.Generator.GetGeneratorType() == typeof(CatalogGenerator));
        Assert.Equal(reads, baseline.Reads);
        Assert.All(result.TrackedSteps[CatalogGenerator.Steps.ParsedBaselines].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"ParsedBaselines was {o.Reason}"));
        Assert.Contains(result.TrackedSteps[CatalogGenerator.Steps.BaselineChecks].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal("SNK109", Assert.Single(result.Diagnostics).Id);
    }

    private static GeneratorHarness.Result Run(string baseline, string current) =>
        GeneratorHarness.Run(new[] { new InMemoryText(CatalogPath, current), new InMemoryText(BaselinePath, baseline) }, LanguageVersion.Latest);

    private static List<Diagnostic> Breaks(string current)
    {
        var result = Run(Shipped, current);
        Assert.All(result.GeneratorDiagnostics, d => Assert.True(d.Id is "SNK109" or "SNK107", $"unexpected {d}"));
        var breaks = result.GeneratorDiagnostics.Where(d => d.Id == "SNK109").ToList();
        Assert.All(breaks, d => Assert.Equal(CatalogPath, d.Location.GetLineSpan().Path));
        return breaks;
    }

    private static Diagnostic SingleBreak(string current) => Assert.Single(Breaks(current));

    /// <summary>Asserts the diagnostic covers exactly the first occurrence of <paramref name="needle"/> after <paramref name="from"/>.</summary>
    private static void AssertAt(string yaml, Diagnostic diagnostic, string needle, string from)
    {
        var start = from.Length == 0 ? 0 : yaml.IndexOf(from, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{from}' not found");
        var index = yaml.IndexOf(needle, start, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{needle}' not found");
        var expected = new TextSpan(index, needle.Length);
        Assert.Equal(expected, diagnostic.Location.SourceSpan);
        Assert.Equal(SourceText.From(yaml).Lines.GetLinePositionSpan(expected), diagnostic.Location.GetLineSpan().Span);
    }

    /// <summary>An AdditionalFile that counts how often its text is read.</summary>
    private sealed class CountingText : AdditionalText
    {
        private readonly SourceText _text;

        public CountingText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public int Reads { get; private set; }

        public override string Path { get; }

        public override SourceText GetText(System.Threading.CancellationToken cancellationToken = default)
        {
            Reads++;
            return _text;
        }
    }
}
