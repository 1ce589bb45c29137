using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Snakepit.Telemetry.Benchmarks.EmitBenchmarks).Assembly).Run(args);
