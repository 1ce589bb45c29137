using BenchmarkDotNet.Running;
using Snakepit.Telemetry.Benchmarks;

#if !SNAKEPIT_BASELINE
if (args.Length > 0 && args[0] == "--background-probe")
{
    BackgroundWorkerProbe.Run(busyOnly: args.Length > 1 && args[1] == "busy");
    return;
}
#endif

var config = BaselineConfig.From(ref args);
BenchmarkSwitcher.FromAssembly(typeof(PerformanceBenchmarks).Assembly).Run(args, config);
