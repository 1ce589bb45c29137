using System;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Snakepit.Telemetry.Benchmarks;

/// <summary>
/// <c>--baseline &lt;version&gt;</c>: every benchmark runs twice in one run, once against this tree and once against the
/// Snakepit.Telemetry package of that version in <c>baseline-packages/</c> (compare.sh packs it from a git ref), so a
/// change to the emit path is measured before and after, side by side, on the same machine at the same time.
/// </summary>
internal static class BaselineConfig
{
    public static IConfig? From(ref string[] args)
    {
        var index = Array.IndexOf(args, "--baseline");
        if (index < 0 || index + 1 >= args.Length)
        {
            return null;
        }

        var version = args[index + 1];
        var rest = new string[args.Length - 2];
        Array.Copy(args, 0, rest, 0, index);
        Array.Copy(args, index + 2, rest, index, args.Length - index - 2);
        args = rest;
        return DefaultConfig.Instance
            .AddJob(Job.Default.WithId("this tree"))
            .AddJob(Job.Default.WithId("before (" + version + ")").WithArguments(new[] { new MsBuildArgument("/p:SnakepitBaseline=" + version) }));
    }
}
