using System.Threading;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>
/// A catalog or baseline file with what parsing it gave, value-equatable: the generator parses each file once, and the
/// baseline check compares the results (the text is kept to locate what changed, read again only when something did).
/// </summary>
internal sealed record ParsedCatalogFile(string Path, string Text, CatalogParseResult Result)
{
    public static ParsedCatalogFile Parse(CatalogFileText file, CancellationToken cancellationToken = default) =>
        new(file.Path, file.Text, CatalogParser.Parse(file.Path, file.Text, cancellationToken));
}
