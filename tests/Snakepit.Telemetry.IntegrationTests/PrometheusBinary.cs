using System;
using Snakepit.Telemetry.TestCases;

namespace Snakepit.Telemetry.IntegrationTests;

/// <summary>The prometheus server binary: Debian's <c>prometheus</c> package, installed where missing (see <see cref="DebianPackages"/>).</summary>
internal static class PrometheusBinary
{
    private static readonly Lazy<string> s_path = new(() =>
    {
        DebianPackages.Ensure("a real Prometheus server (https://prometheus.io/download/)", () => DebianPackages.Find("prometheus") is not null, "prometheus");
        return DebianPackages.Find("prometheus")!;
    });

    public static string Path => s_path.Value;
}
