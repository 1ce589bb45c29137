using System;
using System.IO;
using System.Runtime.CompilerServices;
using Snakepit.Telemetry.Generators.Emitting;
using Snakepit.Telemetry.Generators.Parsing;
using Xunit;

namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>
/// The catalog reference page, written from the generator's own parse: Snakepit's page in docs/snakepit-events.md
/// is the page of today's events.yaml (run with SNAKEPIT_UPDATE_DOCS=1 to rewrite it after a catalog change), and a
/// page shows what a catalog declares.
/// </summary>
public class CatalogDocumentationTests
{
    [Fact]
    public void Snakepits_page_in_docs_is_the_page_of_its_catalog()
    {
        var catalog = CatalogParser.Parse("events.yaml", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Catalogs", "snakepit.events.yaml"))).Spec;
        Assert.NotNull(catalog);
        var page = CatalogDocsEmitter.Emit(catalog!);
        var committed = Path.Combine(RepositoryRoot(), "docs", "snakepit-events.md");
        if (Environment.GetEnvironmentVariable("SNAKEPIT_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(committed, page);
            return;
        }

        Assert.True(File.Exists(committed), "docs/snakepit-events.md is missing: run the tests with SNAKEPIT_UPDATE_DOCS=1");
        Assert.True(
            File.ReadAllText(committed).Replace("\r\n", "\n") == page,
            "docs/snakepit-events.md is stale (events.yaml changed): run the tests with SNAKEPIT_UPDATE_DOCS=1 and commit the page");
    }

    [Fact]
    public void A_page_shows_groups_fields_spans_metrics_and_deprecation()
    {
        var catalog = CatalogParser.Parse("/app/shop.events.yaml", Catalogs.Shop).Spec!;
        var page = CatalogDocsEmitter.Emit(catalog);

        Assert.Contains("## order\n", page, StringComparison.Ordinal);
        Assert.Contains("## checkout\n", page, StringComparison.Ordinal);
        Assert.Contains("### `shop.order.placed`", page, StringComparison.Ordinal);
        Assert.Contains("Starts the span `shop.checkout`", page, StringComparison.Ordinal);
        Assert.Contains("**deprecated**", page, StringComparison.Ordinal);
        Assert.Contains("| optional |", page, StringComparison.Ordinal);
        Assert.Contains("| `shop.", page, StringComparison.Ordinal);
        Assert.Equal(page, CatalogDocsEmitter.Emit(CatalogParser.Parse("/app/shop.events.yaml", Catalogs.Shop).Spec!));
    }

    private static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));
}
