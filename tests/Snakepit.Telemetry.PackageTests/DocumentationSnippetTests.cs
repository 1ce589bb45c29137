using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Snakepit.Telemetry.PackageTests;

/// <summary>
/// Every C# block of README.md and docs/*.md compiles as written, against the packed packages, with warnings as
/// errors (the diagnostic pages under docs/diagnostics show wrong code on purpose and are the analyzers' tests' business).
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class DocumentationSnippetTests
{
    private readonly PackageFixture _package;

    public DocumentationSnippetTests(PackageFixture package) => _package = package;

    [Fact]
    public void Every_csharp_block_of_the_README_and_the_docs_compiles_against_the_packed_packages()
    {
        var project = _package.CopyConsumer("Snippets");
        var documents = new[] { Path.Combine(PackageFixture.RepositoryRoot, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(PackageFixture.RepositoryRoot, "docs"), "*.md").OrderBy(f => f, System.StringComparer.Ordinal))
            .ToList();
        var count = 0;
        foreach (var document in documents)
        {
            var name = Path.GetFileNameWithoutExtension(document);
            var relative = Path.GetRelativePath(PackageFixture.RepositoryRoot, document);
            foreach (var (line, code) in DocumentationSnippets.Extract(File.ReadAllText(document)))
            {
                var id = $"{Regex.Replace(name, "[^A-Za-z0-9]", "_")}_{line}";
                File.WriteAllText(Path.Combine(project, $"Snippet_{id}.cs"), DocumentationSnippets.Wrap(relative, line, code, "Snippets." + id));
                count++;
            }
        }

        Assert.True(count >= 12, $"only {count} C# blocks found in README.md and docs/*.md");
        var build = _package.Dotnet(project, "build", Path.Combine(project, "Consumer.Snippets.csproj"));
        Assert.True(build.ExitCode == 0, "A documentation snippet does not compile (each Snippet_<doc>_<line>.cs names its block):\n" + build.Output);
        Assert.DoesNotMatch(new Regex(@"warning (CS|SNK|IL|CA)\d+"), build.Output);
    }
}
