using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit;

namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>
/// Compares generated sources with the reviewed files under Snapshots/. To accept a change of the output, run the
/// tests with SNAKEPIT_UPDATE_SNAPSHOTS=1 and review the diff. The generator's version in <c>[GeneratedCode]</c> is
/// written as a placeholder, so that a version bump does not touch every snapshot.
/// </summary>
internal static class Snapshots
{
    public const string VersionPlaceholder = "<generator version>";

    public static void Verify(IReadOnlyDictionary<string, string> sources, string prefix = "")
    {
        var update = Environment.GetEnvironmentVariable("SNAKEPIT_UPDATE_SNAPSHOTS") == "1";
        foreach (var source in sources)
        {
            var snapshot = Path.Combine(Directory(), prefix + source.Key + ".txt");
            var text = WithVersionPlaceholder(source.Value);
            if (update)
            {
                File.WriteAllText(snapshot, text);
                continue;
            }

            Assert.True(File.Exists(snapshot), $"No snapshot for {source.Key}: run with SNAKEPIT_UPDATE_SNAPSHOTS=1 and review it.");
            Assert.Equal(File.ReadAllText(snapshot).Replace("\r\n", "\n"), text);
        }
    }

    /// <summary>The source with the generator's real version in <c>[GeneratedCode]</c> replaced by the placeholder.</summary>
    public static string WithVersionPlaceholder(string source) =>
        source.Replace($"GeneratedCode(\"Snakepit.Telemetry.Generators\", \"{GeneratedVersion}\")", $"GeneratedCode(\"Snakepit.Telemetry.Generators\", \"{VersionPlaceholder}\")");

    /// <summary>The version the generator writes: its own assembly's, three parts.</summary>
    public static string GeneratedVersion => typeof(CatalogGenerator).Assembly.GetName().Version!.ToString(3);

    private static string Directory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Snapshots");
}
