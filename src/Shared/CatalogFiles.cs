using System;
using System.IO;

namespace Snakepit.Telemetry.Shared;

/// <summary>
/// Which AdditionalFiles are catalogs: <c>events.yaml</c> or <c>&lt;anything&gt;.events.yaml</c> (or <c>.yml</c>); and
/// which are their shipped baselines: the catalog's name with <c>.shipped</c> before the extension
/// (<c>events.shipped.yaml</c>, <c>billing.events.shipped.yaml</c>). Shared by the generators and the SNK005 analyzer
/// (linked into it), so all read the same files. A baseline is never a catalog: its name does not end in
/// <c>events.yaml</c>.
/// </summary>
internal static class CatalogFiles
{
    private const string Shipped = ".shipped";

    public static bool IsCatalog(string path)
    {
        var name = Path.GetFileName(path);
        return name.Equals("events.yaml", StringComparison.OrdinalIgnoreCase) ||
               name.Equals("events.yml", StringComparison.OrdinalIgnoreCase) ||
               name.EndsWith(".events.yaml", StringComparison.OrdinalIgnoreCase) ||
               name.EndsWith(".events.yml", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether <paramref name="path"/> names the shipped baseline of a catalog.</summary>
    public static bool IsBaseline(string path) => CatalogOfBaseline(path) is not null;

    /// <summary>The catalog a baseline belongs to (<c>/app/events.shipped.yaml</c> -> <c>/app/events.yaml</c>), or null when the path is no baseline.</summary>
    public static string? CatalogOfBaseline(string path)
    {
        var extension = Path.GetExtension(path);
        var withoutExtension = path.Substring(0, path.Length - extension.Length);
        if (!withoutExtension.EndsWith(Shipped, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var catalog = withoutExtension.Substring(0, withoutExtension.Length - Shipped.Length) + extension;
        return IsCatalog(catalog) ? catalog : null;
    }
}
