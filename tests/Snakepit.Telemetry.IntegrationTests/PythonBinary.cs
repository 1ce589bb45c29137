using System;
using Snakepit.Telemetry.TestCases;

namespace Snakepit.Telemetry.IntegrationTests;

/// <summary>The python3 interpreter real workers run on: Debian's <c>python3</c>, installed where missing (see <see cref="DebianPackages"/>).</summary>
internal static class PythonBinary
{
    private static readonly Lazy<string> s_path = new(() =>
    {
        DebianPackages.Ensure("python3 (https://www.python.org/downloads/) to run real Python workers", () => DebianPackages.Find("python3") is not null, "python3");
        return DebianPackages.Find("python3")!;
    });

    public static string Path => s_path.Value;
}
