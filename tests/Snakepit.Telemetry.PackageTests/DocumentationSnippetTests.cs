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

    /// <summary>
    /// Each C# block of README.md compiles in a project that references only the packages the text names for it (the
    /// paragraph before it and the block itself): a user who adds what the README says has what the code needs. The
    /// README builds one app as it goes, so each project also holds the blocks that need no more than those packages
    /// (the hosting block registers the handler classes of the first).
    /// </summary>
    [Fact]
    public void Every_csharp_block_of_the_README_compiles_with_only_the_packages_its_text_names()
    {
        var template = Path.Combine(System.AppContext.BaseDirectory, "Consumers", "Snippets", "Consumer.Snippets.csproj");
        var references = Regex.Matches(File.ReadAllText(template), @"<PackageReference Include=""([^""]+)""")
            .Select(m => m.Groups[1].Value)
            .ToList();
        var readme = File.ReadAllText(Path.Combine(PackageFixture.RepositoryRoot, "README.md"));
        var groups = DocumentationSnippets.Extract(readme)
            .Select(block => (block.Line, block.Code, Packages: DocumentationSnippets.PackagesNamedFor(readme, block.Line, references)))
            .GroupBy(block => string.Join(";", block.Packages))
            .ToList();

        Assert.True(groups.Count >= 3, "the README names packages for its blocks in fewer groups than expected: " + string.Join(" | ", groups.Select(g => g.Key)));
        foreach (var group in groups)
        {
            var project = _package.CopyConsumer("Snippets");
            var csproj = Path.Combine(project, "Consumer.Snippets.csproj");
            var packages = group.First().Packages;
            File.WriteAllText(csproj, Regex.Replace(
                File.ReadAllText(csproj),
                @"\s*<PackageReference Include=""([^""]+)""[^>]*/>",
                m => packages.Contains(m.Groups[1].Value) ? m.Value : ""));
            var app = groups.SelectMany(g => g).Where(b => b.Packages.All(packages.Contains));
            foreach (var (line, code, _) in app)
            {
                File.WriteAllText(Path.Combine(project, $"Snippet_README_{line}.cs"), DocumentationSnippets.Wrap("README.md", line, code, "Snippets.README_" + line));
            }

            var build = _package.Dotnet(project, "build", csproj);
            var blocks = string.Join(", ", group.Select(b => "line " + b.Line));
            Assert.True(build.ExitCode == 0, $"README.md's blocks at {blocks} do not compile with only the packages their text names ({group.Key}):\n" + build.Output);
            Assert.DoesNotMatch(new Regex(@"warning (CS|SNK|IL|CA)\d+"), build.Output);
        }
    }
}
