using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Snakepit.Telemetry.TestCases;
using Xunit;
using Xunit.Abstractions;

namespace Snakepit.Telemetry.PackageTests;

/// <summary>
/// The hot path's guard in CI: its cases (no handler, excluded, sampled out, typed, generic, span unobserved, metrics),
/// published with Native AOT from the packed package and counted in
/// instructions by valgrind's callgrind (Debian's <c>valgrind</c>), which, unlike a clock, gives the same count on a busy
/// machine. Each case's loop runs n and 2n times; the difference over n is what one iteration (an emit, and the loop
/// around it) executes. A change that adds work to every emit fails here, with the table of every case.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class HotPathInstructionTests
{
    private const int Iterations = 10_000;

    /// <summary>
    /// Instructions per iteration, each case's budget and why. Measured on the packed package (Native AOT, x64, .NET 10):
    /// the numbers the test prints. A budget is the count measured when it was set plus a few instructions of slack, so
    /// that a load added to every emit shows; raise one only for a reason written here.
    /// </summary>
    private static readonly (string Case, int Budget, string Reason)[] Budgets =
    {
        ("direct", 0, "the baseline, not a budget: build PythonCallStop and call a typed handler's Handle, the loop around it"),
        ("no-handler", 26, "24: the loop (3), the gate word (1 load, 2 compares), and each of the event's two instruments' Enabled (a class-initialization check and three loads each): MeterListeners give no notice, so their flags are read"),
        ("excluded", 10, "8: the loop and the gate word, negative: not even the instruments are read"),
        ("sampled-out", 40, "37: the gate word, then the sampler inline (its stripe from the stack's address, a decrement), and one emit in a hundred kept: a call, the payload, the handler"),
        ("typed", 118, "115: the gate word and the call to the emitter's out-of-line body (nine arguments), its frame (three saved registers, the payload zeroed and built), both instruments' flags, the single handler's slot (detached and running flags, the count, the mark set and cleared around the call in a try), the handler's call"),
        ("generic", 118, "115: as typed: a generic handler is bound to a typed delegate when its slot is built, so the emit is the same"),
        ("span-unobserved", 104, "100: the call to the start (not inlined: a span returned into the caller's variable, not copied from a temporary, whose read-back stalled the store buffer on the JIT), three gate words (start, stop, exception), the span's three instruments and the ActivitySource's listeners, the span struct written, Stop's inline check; no clock read"),
        ("metrics", 640, "614: the payload built and both instruments recorded through a MeterListener with no-op callbacks (TagList of three and two tags), inside the recording guard (a thread-local depth, a try); most of it is System.Diagnostics.Metrics' own"),
    };

    private readonly PackageFixture _package;
    private readonly ITestOutputHelper _output;

    public HotPathInstructionTests(PackageFixture package, ITestOutputHelper output)
    {
        _package = package;
        _output = output;
    }

    [Fact]
    public void Every_hot_path_case_stays_within_its_instruction_budget()
    {
        DebianPackages.Ensure(
            "clang and zlib for Native AOT (https://learn.microsoft.com/dotnet/core/deploying/native-aot/#prerequisites)",
            () => DebianPackages.Find("clang") is not null && (File.Exists("/usr/include/zlib.h") || !OperatingSystem.IsLinux()),
            "clang", "zlib1g-dev");
        DebianPackages.Ensure("valgrind's callgrind, which counts the instructions of each case", () => DebianPackages.Find("valgrind") is not null, "valgrind");

        var app = _package.CopyConsumer("HotPath");
        var native = Path.Combine(app, "native");
        var publish = _package.Dotnet(app, "publish", Path.Combine(app, "Consumer.HotPath.csproj"), "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", native);
        Assert.True(publish.ExitCode == 0, publish.Output);
        var binary = Path.Combine(native, "Consumer.HotPath");

        // Valgrind 3.19 (Debian 12) cannot read the DWARF 5 that the AOT compiler writes, and gives up on the whole
        // program: without the separate debug file it counts instructions all the same (no names are needed here).
        File.Delete(binary + ".dbg");

        var measured = Budgets.ToDictionary(b => b.Case, b => PerIteration(binary, b.Case));
        var direct = measured["direct"];
        var table = string.Join("\n", Budgets.Select(b =>
            $"{b.Case,-16} {measured[b.Case],6:0.0} instructions ({measured[b.Case] / direct,4:0.00}x direct), budget {(b.Budget == 0 ? "-" : b.Budget.ToString(CultureInfo.InvariantCulture)),5}: {b.Reason}"));
        _output.WriteLine(table);

        var over = Budgets.Where(b => b.Budget > 0 && measured[b.Case] > b.Budget).ToList();
        Assert.True(over.Count == 0, "Over budget: " + string.Join(", ", over.Select(b => $"{b.Case} {measured[b.Case]} > {b.Budget}")) + "\n" + table);
    }

    /// <summary>Instructions per iteration of <paramref name="caseName"/>'s loop: (count with 2n) - (count with n), over n.</summary>
    private static double PerIteration(string binary, string caseName)
    {
        var once = Instructions(binary, caseName, Iterations);
        var twice = Instructions(binary, caseName, 2 * Iterations);
        return (twice - once) / (double)Iterations;
    }

    private static long Instructions(string binary, string caseName, int iterations)
    {
        var start = new ProcessStartInfo("valgrind") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--tool=callgrind", "--callgrind-out-file=/dev/null", binary, caseName, iterations.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(300_000), $"callgrind of {caseName} did not finish");
        Assert.True(process.ExitCode == 0, $"{caseName} under callgrind exited {process.ExitCode}:\n{output.Result}\n{error}");
        var refs = Regex.Match(error, @"I\s+refs:\s+([\d,]+)");
        Assert.True(refs.Success, "callgrind printed no instruction count:\n" + error);
        return long.Parse(refs.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }
}
