using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Snakepit.Telemetry.TestCases;
using Xunit;

namespace Snakepit.Telemetry.PackageTests;

/// <summary>
/// A consumer of the packed package that uses every path of the README (typed, generic, lambda, background and
/// annotated handlers, spans, failure isolation, ListHandlers, metrics, activities, the testing recorder, settings and
/// diagnosis), published with Native AOT: no
/// trim or AOT warning, and the native binary prints exactly what the same program prints on the JIT.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class NativeAotTests
{
    private readonly PackageFixture _package;

    public NativeAotTests(PackageFixture package) => _package = package;

    [Fact]
    public void Native_AOT_publish_has_no_trim_or_AOT_warning_and_behaves_as_on_the_JIT()
    {
        DebianPackages.Ensure(
            "clang and zlib for Native AOT (https://learn.microsoft.com/dotnet/core/deploying/native-aot/#prerequisites)",
            () => DebianPackages.Find("clang") is not null && (File.Exists("/usr/include/zlib.h") || !System.OperatingSystem.IsLinux()),
            "clang", "zlib1g-dev");

        var app = _package.CopyConsumer("Aot");
        var csproj = Path.Combine(app, "Consumer.Aot.csproj");
        var build = _package.Dotnet(app, "build", csproj, "-c", "Release");
        Assert.True(build.ExitCode == 0, build.Output);
        var jit = Run("dotnet", Path.Combine(app, "bin", "Release", "net10.0", "Consumer.Aot.dll"));

        var native = Path.Combine(app, "native");
        var publish = _package.Dotnet(app, "publish", csproj, "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", native);
        Assert.True(publish.ExitCode == 0, publish.Output);
        Assert.DoesNotMatch(new Regex(@"warning IL\d{4}"), publish.Output);
        var aot = Run(Path.Combine(native, "Consumer.Aot"));

        // The program exercises what it claims to (a regression that binds nothing would print the same on both).
        Printed(jit, "typed order o-1 42.5 Web node=aot-node");
        Printed(jit, "typed pool default queue=12");
        Printed(jit, "generic shop.checkout.stop fields=3");
        Printed(jit, "lambda pool queue=12");
        Printed(jit, "background drained=True orders=[o-1,o-2,o-py]");
        Printed(jit, "failure thrower shop.order.placed InvalidOperationException: boom o-1");
        Printed(jit, "thrower attached=False");
        Printed(jit, "annotated python predict Success");
        Printed(jit, "metric shop.order.placed.total 42.5 channel=web");
        Printed(jit, "metric snakepit.pool.status.queue_depth 12 node=aot-node pool_name=default");
        Printed(jit, "activity shop.checkout Error events=[exception] parent=request");
        Printed(jit, "activity snakepit.python.call Unset events=[] parent=none");
        Printed(jit, "recorded order o-1 total=42.5");
        Printed(jit, "typed order o-py 3.5 Web node=py-node");
        Printed(jit, "typed pool gpu queue=5");
        Printed(jit, "fold NotFinite");
        Assert.Contains(jit, l => l.StartsWith("diagnose snakepit.session.created: declared by a loaded catalog", System.StringComparison.Ordinal) && l.Contains("excluded by 'snakepit.session.*'", System.StringComparison.Ordinal));
        Assert.Equal(jit, aot);
    }

    private static void Printed(string[] output, string line) =>
        Assert.True(output.Contains(line), $"The program did not print '{line}'. It printed:\n{string.Join("\n", output)}");

    private static string[] Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), $"{fileName} did not finish");
        Assert.True(process.ExitCode == 0, $"{fileName} exited {process.ExitCode}:\n{output.Result}\n{error}");
        return output.Result.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
    }
}
