using System;
using System.IO;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>
/// Which AdditionalFiles are catalogs: <c>events.yaml</c> or <c>&lt;anything&gt;.events.yaml</c> (or <c>.yml</c>).
/// Shared by the generators and the SNK005 analyzer (linked into it), so both read the same files.
/// </summary>
internal static class CatalogFiles
{
    public static bool IsCatalog(string path)
    {
        var name = Path.GetFileName(path);
        return name.Equals("events.yaml", StringComparison.OrdinalIgnoreCase) ||
               name.Equals("events.yml", StringComparison.OrdinalIgnoreCase) ||
               name.EndsWith(".events.yaml", StringComparison.OrdinalIgnoreCase) ||
               name.EndsWith(".events.yml", StringComparison.OrdinalIgnoreCase);
    }
}
