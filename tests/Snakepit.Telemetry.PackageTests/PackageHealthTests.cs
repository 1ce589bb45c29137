using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace Snakepit.Telemetry.PackageTests;

/// <summary>
/// What a NuGet health check asks of each packed package: its repository (URL, type, commit), a project URL, a readme of
/// its own whose links work on nuget.org, a license, and symbols with Source Link to the packed commit on GitHub and no
/// path of the machine that built it. Packing prints no warning. The catalog's JSON Schema ships in Snakepit.Telemetry.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class PackageHealthTests
{
    private const string Home = "https://github.com/snakepit-generators/Snakepit.Generators";

    /// <summary>The Source Link custom debug information kind of a portable PDB.</summary>
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    /// <summary>The embedded source custom debug information kind of a portable PDB.</summary>
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    private readonly PackageFixture _package;

    public PackageHealthTests(PackageFixture package) => _package = package;

    public static IEnumerable<object[]> Packages => PackageFixture.PackageIds.Select(id => new object[] { id });

    [Theory]
    [MemberData(nameof(Packages))]
    public void Package_states_its_repository_commit_project_url_and_license(string id)
    {
        var metadata = Nuspec(id);
        var repository = metadata.Element(Name(metadata, "repository"));
        Assert.NotNull(repository);
        Assert.Equal("git", (string?)repository!.Attribute("type"));
        Assert.Equal(Home, (string?)repository.Attribute("url"));
        Assert.Equal(HeadCommit(), (string?)repository.Attribute("commit"));
        Assert.Equal(Home, (string?)metadata.Element(Name(metadata, "projectUrl")));
        var license = metadata.Element(Name(metadata, "license"));
        Assert.NotNull(license);
        Assert.Equal("expression", (string?)license!.Attribute("type"));
        Assert.Equal("MIT", license.Value);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Package_has_a_readme_of_its_own_whose_links_work_on_nuget_org(string id)
    {
        var metadata = Nuspec(id);
        var readmeName = (string?)metadata.Element(Name(metadata, "readme"));
        Assert.False(string.IsNullOrEmpty(readmeName), $"{id} names no readme");
        var readme = Entry(id, readmeName!);
        Assert.NotNull(readme);

        // Its own: about this package, not the repository's README (whose links are relative).
        Assert.Matches("^# " + Regex.Escape(id) + @"\r?\n", readme);
        Assert.NotEqual(File.ReadAllText(Path.Combine(PackageFixture.RepositoryRoot, "README.md")), readme);

        // nuget.org shows the readme away from the repository: every link and image is absolute (or an anchor).
        var targets = Regex.Matches(readme!, @"\]\(([^)\s]+)").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(targets);
        Assert.All(targets, target => Assert.Matches(@"^(https://|#)", target));
        Assert.Contains(targets, t => t.StartsWith(Home + "/blob/main/docs/", StringComparison.Ordinal));

        // Every link into the repository names a file or folder that exists on main (as of this commit).
        foreach (var target in targets.Where(t => t.StartsWith(Home + "/blob/main/", StringComparison.Ordinal) || t.StartsWith(Home + "/tree/main/", StringComparison.Ordinal)))
        {
            var relative = target.Substring(Home.Length + "/blob/main/".Length).Split('#')[0];
            var path = Path.Combine(PackageFixture.RepositoryRoot, relative);
            Assert.True(File.Exists(path) || Directory.Exists(path), $"{id}'s readme links to {target}, which is not in the repository");
        }
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Packing_prints_no_warning(string id)
    {
        var output = _package.PackOutputs[id];
        Assert.Contains("Successfully created package", output, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(@"\bwarning\b", RegexOptions.IgnoreCase), output);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Every_assembly_of_ours_carries_symbols_with_Source_Link_to_the_commit_on_GitHub_and_no_local_path(string id)
    {
        var commit = HeadCommit();
        var prefix = $"https://raw.githubusercontent.com/snakepit-generators/Snakepit.Generators/{commit}/";
        var root = PackageFixture.RepositoryRoot.TrimEnd('/', '\\');
        using var archive = ZipFile.OpenRead(PackagePath(id));
        var assemblies = archive.Entries.Where(e => e.FullName.EndsWith(".dll", StringComparison.Ordinal) && Path.GetFileName(e.FullName).StartsWith("Snakepit.", StringComparison.Ordinal)).ToList();
        Assert.Contains(assemblies, e => e.FullName == $"lib/net8.0/{id}.dll");
        Assert.Contains(assemblies, e => e.FullName == $"lib/netstandard2.0/{id}.dll");
        if (id == "Snakepit.Telemetry")
        {
            Assert.Contains(assemblies, e => e.FullName == "analyzers/dotnet/cs/Snakepit.Telemetry.Generators.dll");
            Assert.Contains(assemblies, e => e.FullName == "tools/catalog/Snakepit.Telemetry.CatalogTool.dll");
        }

        // A symbol package, if one is made, is not needed: every PDB is embedded in its DLL.
        foreach (var entry in assemblies)
        {
            using var memory = new MemoryStream();
            using (var stream = entry.Open())
            {
                stream.CopyTo(memory);
            }

            memory.Position = 0;
            using var pe = new PEReader(memory);
            var directory = pe.ReadDebugDirectory();
            var codeView = directory.Where(d => d.Type == DebugDirectoryEntryType.CodeView).Select(pe.ReadCodeViewDebugDirectoryData).ToList();
            Assert.NotEmpty(codeView);
            Assert.All(codeView, c => Assert.DoesNotContain(root, c.Path, StringComparison.Ordinal));
            var embedded = directory.Where(d => d.Type == DebugDirectoryEntryType.EmbeddedPortablePdb).ToList();
            Assert.True(embedded.Count == 1, $"{entry.FullName} in {id} has no embedded PDB");

            using var provider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded[0]);
            var pdb = provider.GetMetadataReader();
            var sourceLink = pdb.GetCustomDebugInformation(EntityHandle.ModuleDefinition)
                .Select(pdb.GetCustomDebugInformation)
                .Where(c => pdb.GetGuid(c.Kind) == SourceLinkKind)
                .Select(c => Encoding.UTF8.GetString(pdb.GetBlobBytes(c.Value)))
                .SingleOrDefault();
            Assert.True(sourceLink is not null, $"{entry.FullName} in {id} has no Source Link");
            Assert.DoesNotContain(root, sourceLink, StringComparison.Ordinal);
            var map = JsonDocument.Parse(sourceLink!).RootElement.GetProperty("documents").EnumerateObject().ToList();
            Assert.NotEmpty(map);
            Assert.All(map, m => Assert.StartsWith(prefix, m.Value.GetString(), StringComparison.Ordinal));
            Assert.All(map, m => Assert.DoesNotContain(root, m.Name, StringComparison.Ordinal));
            var mappedPrefixes = map.Select(m => m.Name.TrimEnd('*')).ToList();

            // Every source document is either under the mapped root (fetched from GitHub) or embedded (generated code).
            var documents = pdb.Documents.Select(pdb.GetDocument).ToList();
            Assert.NotEmpty(documents);
            foreach (var handle in pdb.Documents)
            {
                var name = pdb.GetString(pdb.GetDocument(handle).Name);
                Assert.False(name.Contains(root, StringComparison.Ordinal), $"{entry.FullName} in {id} names the local path {name}");
                var isEmbedded = pdb.GetCustomDebugInformation(handle).Select(pdb.GetCustomDebugInformation).Any(c => pdb.GetGuid(c.Kind) == EmbeddedSourceKind);
                Assert.True(
                    isEmbedded || mappedPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)),
                    $"{entry.FullName} in {id}: {name} is neither mapped by Source Link nor embedded");
            }

            // The source files of this very assembly are fetched from GitHub: the map covers the repository's src/.
            Assert.Contains(documents, d => pdb.GetString(d.Name).Replace('\\', '/').Contains("/src/", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_catalog_schema_ships_in_Snakepit_Telemetry()
    {
        var shipped = Entry("Snakepit.Telemetry", "schemas/events.schema.json");
        Assert.NotNull(shipped);
        Assert.Equal(File.ReadAllText(Path.Combine(PackageFixture.RepositoryRoot, "schemas", "events.schema.json")), shipped);
        using var schema = JsonDocument.Parse(shipped!);
        Assert.Equal("Snakepit telemetry catalog", schema.RootElement.GetProperty("title").GetString());
    }

    private string PackagePath(string id) => Path.Combine(_package.PackageDirectory, $"{id}.{_package.Version}.nupkg");

    private XElement Nuspec(string id)
    {
        var (_, nuspec) = PackageTests.Contents(PackagePath(id));
        var document = XDocument.Parse(nuspec);
        return document.Root!.Element(document.Root.Name.Namespace + "metadata")!;
    }

    private static XName Name(XElement metadata, string local) => metadata.Name.Namespace + local;

    /// <summary>A text file of the package, or null when it has none at that path.</summary>
    private string? Entry(string id, string path)
    {
        using var archive = ZipFile.OpenRead(PackagePath(id));
        var entry = archive.GetEntry(path.Replace('\\', '/').TrimStart('/'));
        if (entry is null)
        {
            return null;
        }

        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    /// <summary>The commit the packages were packed from (this clone's HEAD).</summary>
    private static string HeadCommit()
    {
        var start = new ProcessStartInfo("git", "rev-parse HEAD")
        {
            WorkingDirectory = PackageFixture.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var git = Process.Start(start)!;
        var commit = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0 && Regex.IsMatch(commit, "^[0-9a-f]{40}$"), "git rev-parse HEAD failed: " + commit);
        return commit;
    }
}
