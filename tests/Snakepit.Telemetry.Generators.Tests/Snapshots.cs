using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit;

namespace Snakepit.Telemetry.Generators.Tests;

/// <summary>
/// Compares generated sources with the reviewed files under Snapshots/. To accept a change of the output, run the
/// tests with SNAKEPIT_UPDATE_SNAPSHOTS=1 and review the diff.
/// </summary>
internal static class Snapshots
{
    public static void Verify(IReadOnlyDictionary<string, string> sources, string prefix = "")
    {
        var update = Environment.GetEnvironmentVariable("SNAKEPIT_UPDATE_SNAPSHOTS") == "1";
        foreach (var source in sources)
        {
            var snapshot = Path.Combine(Directory(), prefix + source.Key + ".txt");
            if (update)
            {
                File.WriteAllText(snapshot, source.Value);
                continue;
            }

            Assert.True(File.Exists(snapshot), $"No snapshot for {source.Key}: run with SNAKEPIT_UPDATE_SNAPSHOTS=1 and review it.");
            Assert.Equal(File.ReadAllText(snapshot).Replace("\r\n", "\n"), source.Value);
        }
    }

    private static string Directory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Snapshots");
}
