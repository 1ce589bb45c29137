using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "--background-probe")
{
    Snakepit.Telemetry.Benchmarks.BackgroundWorkerProbe.Run(busyOnly: args.Length > 1 && args[1] == "busy");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Snakepit.Telemetry.Benchmarks.EmitBenchmarks).Assembly).Run(args);
