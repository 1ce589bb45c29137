#!/usr/bin/env python3
"""Analyzer and generator time on a synthetic project, as a user's build sees it.

Writes a project with a catalog of N events and H handler files (each an [OnEvent] method and a prefix handler)
that references this repository's runtime, generator and analyzers, builds it in Release with
-p:ReportAnalyzer=true, and prints the compiler's own timings (every Snakepit analyzer, the generators) and the Csc task's wall time with and
without Snakepit's analyzers: the compiler attributes shared work (binding the generated code) to whichever analyzer
asks first, so the difference of the two compiles is the analyzers' real cost.

    python3 benchmarks/AnalyzerTime/measure.py --events 2000 --handlers 300
    python3 benchmarks/AnalyzerTime/measure.py --events 10000 --handlers 300

Single builds, not a benchmark: the machine's noise shows; run it again before trusting a small difference.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def catalog(events: int) -> str:
    lines = [
        "catalog: bench",
        "namespace: Bench.Telemetry",
        "enums:",
        "  outcome: [ok, failed, cancelled]",
        "common_metadata:",
        "  node: string",
        "events:",
    ]
    for i in range(events):
        lines += [
            f"  bench.area{i % 100}.event{i}:",
            f"    description: Synthetic event {i}.",
            "    frequency: high",
            "    measurements:",
            "      duration: { type: duration, description: Time taken. }",
            "      size: { type: int64, unit: By, optional: true }",
            "    metadata:",
            "      pool_name: string",
            "      command: { type: string, description: Command. }",
            "      outcome: outcome",
        ]
    return "\n".join(lines) + "\n"


def type_name(event: int) -> str:
    return f"Area{event % 100}Event{event}"


def handler(index: int, events: int) -> str:
    event = (index * 7) % events
    area = (index + 1) % min(100, events)
    return f"""using Snakepit.Telemetry;
using Bench.Telemetry;

namespace Bench.App;

[TelemetryHandler("handler-{index}")]
public sealed partial class Handler{index}
{{
    private long _total;

    [OnEvent("bench.area{event % 100}.event{event}")]
    private void OnEvent{index}(in {type_name(event)} e) => _total += e.Duration.Ticks;

    [OnEvent("bench.area{area}.*")]
    private void OnArea<TEvent>(in TEvent e) where TEvent : struct, ITelemetryEvent => _total++;
}}
"""


PROJECT = """<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <EnableNETAnalyzers>{net_analyzers}</EnableNETAnalyzers>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="{repo}/src/Snakepit.Telemetry/Snakepit.Telemetry.csproj" />
    <ProjectReference Include="{repo}/src/Snakepit.Telemetry.Generators/Snakepit.Telemetry.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
    <ProjectReference Include="{repo}/src/Snakepit.Telemetry.Analyzers/Snakepit.Telemetry.Analyzers.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" Condition="'$(SnakepitAnalyzers)' != 'false'" />
    <AdditionalFiles Include="bench.events.yaml" />
  </ItemGroup>
</Project>
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--handlers", type=int, default=300)
    parser.add_argument("--dir", default=None, help="where to write the project (default: a new temporary folder)")
    parser.add_argument("--net-analyzers", action="store_true", help="keep the SDK's NetAnalyzers on (off by default)")
    args = parser.parse_args()

    root = args.dir or tempfile.mkdtemp(prefix="snakepit-analyzer-time-")
    os.makedirs(os.path.join(root, "Handlers"), exist_ok=True)
    with open(os.path.join(root, "AnalyzerTime.csproj"), "w") as f:
        f.write(PROJECT.format(repo=REPO, net_analyzers="true" if args.net_analyzers else "false"))
    text = catalog(args.events)
    with open(os.path.join(root, "bench.events.yaml"), "w") as f:
        f.write(text)
    for i in range(args.handlers):
        with open(os.path.join(root, "Handlers", f"Handler{i}.cs"), "w") as f:
            f.write(handler(i, args.events))

    def build(*extra):
        """One compile of the synthetic project alone (the repository's projects are built once, before)."""
        run = subprocess.run(
            ["dotnet", "build", "-c", "Release", "--no-incremental", "--no-dependencies", "-p:ReportAnalyzer=true",
             "-v:d", "-clp:PerformanceSummary", "-nodeReuse:false", *extra],
            cwd=root, capture_output=True, text=True)
        if run.returncode != 0:
            print(f"build failed, see {root}/build.log", file=sys.stderr)
            print("\n".join(line for line in run.stdout.splitlines() if "error" in line)[-3000:], file=sys.stderr)
            sys.exit(1)
        csc = re.findall(r"^\s+([0-9]+) ms\s+Csc\s+", run.stdout, re.M)
        return run.stdout, int(csc[-1]) / 1000

    subprocess.run(["dotnet", "build", "-c", "Release", "-nodeReuse:false"], cwd=root, check=True, capture_output=True)
    log, with_analyzers = build()
    with open(os.path.join(root, "build.log"), "w") as f:
        f.write(log)
    _, without_analyzers = build("-p:SnakepitAnalyzers=false")

    total = float(re.search(r"Total analyzer execution time: ([0-9.]+)", log).group(1))
    generators = float(re.search(r"Total generator execution time: ([0-9.]+)", log).group(1))
    rows = re.findall(r"^\s+(<?[0-9.]+)\s+(<?[0-9]+)\s+(Snakepit\.Telemetry\.\S+)(?: \((SNK[^)]*)\))?", log, re.M)

    print(f"events: {args.events}, handlers: {args.handlers}, catalog: {len(text.encode()) / 1024:.0f} KB, project: {root}")
    print(f"compile (Csc task) with Snakepit's analyzers: {with_analyzers:.2f} s, without: {without_analyzers:.2f} s, "
          f"difference: {with_analyzers - without_analyzers:+.2f} s ({(with_analyzers - without_analyzers) / with_analyzers:+.0%})")
    print(f"analyzer execution time reported by the compiler: all {total:.3f} s; generators {generators:.3f} s")
    for seconds, _, name, ids in rows:
        name = name.rstrip(",")
        print(f"  {seconds:>7} s  {name}{' (' + ids + ')' if ids else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
