using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using V = Snakepit.Telemetry.Analyzers.Tests.Verify<Snakepit.Telemetry.Analyzers.UnboundedStorageAnalyzer>;

namespace Snakepit.Telemetry.Analyzers.Tests;

/// <summary>SNK004: storage that grows with every event, and keys from high-cardinality fields.</summary>
public class UnboundedStorageTests
{
    private const string Usings = "using System;\nusing System.Collections.Concurrent;\nusing System.Collections.Generic;\nusing System.Text;\nusing Snakepit.Telemetry;\nusing Snakepit.Telemetry.Events;\n";

    private static DiagnosticResult Unbounded(int location, string handler, string what, string type) =>
        V.Diagnostic("SNK004").WithSeverity(DiagnosticSeverity.Warning).WithLocation(location).WithArguments(handler, what, type);

    [Fact]
    public async Task Bounded_storage_and_low_cardinality_keys_are_fine()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler("myapp-aggregator")]
            partial class Aggregator : IPythonCallStopHandler
            {
                private readonly ConcurrentDictionary<string, long> _byPool = new();
                private readonly Dictionary<PythonCallStopResult, long> _byResult = new();
                private readonly Queue<TimeSpan> _window = new();
                private readonly List<string> _batch = new();
                private readonly StringBuilder _line = new();

                public void Handle(in PythonCallStop e)
                {
                    _byPool.AddOrUpdate(e.PoolName, 1, (_, n) => n + 1);
                    _byResult[e.Result] = 1;
                    _window.Enqueue(e.Duration);
                    if (_window.Count > 100) { _window.Dequeue(); }
                    _batch.Add(e.Command);
                    _line.Append(e.Command);
                }

                public void Flush()
                {
                    _batch.Clear();
                    _line.Length = 0;
                }
            }
            """);
    }

    [Fact]
    public async Task Collections_that_only_grow_are_reported()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler("myapp-recorder")]
            partial class Recorder : IPythonCallStopHandler
            {
                private static readonly List<TimeSpan> AllDurations = new();
                private readonly Dictionary<string, TimeSpan> _bySession = new();
                private readonly ConcurrentDictionary<string, int> _byCorrelation = new();
                private readonly StringBuilder _log = new();

                public void Handle(in PythonCallStop e)
                {
                    {|#0:AllDurations.Add(e.Duration)|};
                    {|#1:_bySession[e.SessionId ?? "none"] = e.Duration|};
                    {|#2:_byCorrelation.TryAdd(e.CorrelationId, 1)|};
                    {|#3:_log.AppendLine(e.Command)|};
                }
            }
            """,
            Unbounded(0, "Handle", "adds to 'AllDurations'", "Recorder"),
            Unbounded(1, "Handle", "adds to '_bySession'", "Recorder"),
            Unbounded(2, "Handle", "adds keys from the high-cardinality field 'CorrelationId' to '_byCorrelation'", "Recorder"),
            Unbounded(3, "Handle", "adds to '_log'", "Recorder"));
    }

    [Fact]
    public async Task An_emptiness_check_is_not_a_cap()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler("myapp-first-seen")]
            partial class FirstSeen : IPythonCallStopHandler
            {
                private readonly List<string> _commands = new();
                private readonly Queue<string> _recent = new();

                public void Handle(in PythonCallStop e)
                {
                    if (_commands.Count == 0 || _commands.Count > 0)
                    {
                        {|#0:_commands.Add(e.Command)|};
                    }

                    _recent.Enqueue(e.Command);
                    if (_recent.Count >= 100) { _recent.Dequeue(); }
                }

                public bool Any => _commands.Count != 0;
            }
            """,
            Unbounded(0, "Handle", "adds to '_commands'", "FirstSeen"));
    }

    [Fact]
    public async Task Writing_to_an_unbounded_channel_is_reported_and_a_bounded_one_is_fine()
    {
        await V.AnalyzerAsync(Usings.Replace("using System.Text;", "using System.Text;\nusing System.Threading.Channels;") + """
            [TelemetryHandler("myapp-channel-forwarder")]
            partial class ChannelForwarder : IPythonCallStopHandler
            {
                private readonly Channel<string> _unbounded = Channel.CreateUnbounded<string>();
                private readonly ChannelWriter<string> _writer;
                private readonly Channel<string> _bounded = Channel.CreateBounded<string>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });

                public ChannelForwarder() => _writer = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true }).Writer;

                public void Handle(in PythonCallStop e)
                {
                    {|#0:_unbounded.Writer.TryWrite(e.Command)|};
                    {|#1:_writer.TryWrite(e.Command)|};
                    _bounded.Writer.TryWrite(e.Command);
                }
            }
            """,
            V.Diagnostic(HandlerDiagnostics.UnboundedChannel).WithLocation(0).WithArguments("Handle", "_unbounded"),
            V.Diagnostic(HandlerDiagnostics.UnboundedChannel).WithLocation(1).WithArguments("Handle", "_writer"));
    }

    [Fact]
    public async Task Captured_locals_that_a_lambda_handler_grows_are_reported()
    {
        await V.AnalyzerAsync(Usings + """
            static class Startup
            {
                static void Run(TelemetryHub hub)
                {
                    var calls = new List<string>();
                    var byCorrelation = new Dictionary<string, long>();
                    var byPool = new Dictionary<string, long>();
                    var bag = new ConcurrentBag<string>();
                    var log = new StringBuilder();
                    var queue = new Queue<string>();
                    hub.Attach<PythonCallStop>("myapp-capture", (in PythonCallStop e) =>
                    {
                        {|#0:calls.Add(e.Command)|};
                        {|#1:byCorrelation[e.CorrelationId] = 1|};
                        byPool[e.PoolName] = 1;
                        {|#2:bag.Add(e.Command)|};
                        {|#3:log.AppendLine(e.Command)|};
                        {|#4:queue.Enqueue(e.Command)|};
                    });
                }
            }
            """,
            Unbounded(0, "lambda", "adds to 'calls'", "Startup"),
            Unbounded(1, "lambda", "adds keys from the high-cardinality field 'CorrelationId' to 'byCorrelation'", "Startup"),
            Unbounded(2, "lambda", "adds to 'bag'", "Startup"),
            Unbounded(3, "lambda", "adds to 'log'", "Startup"),
            Unbounded(4, "lambda", "adds to 'queue'", "Startup"));
    }

    [Fact]
    public async Task Captured_locals_that_are_bounded_or_local_to_the_handler_are_fine()
    {
        await V.AnalyzerAsync(Usings + """
            static class Startup
            {
                static void Run(TelemetryHub hub)
                {
                    var window = new Queue<string>();
                    var batch = new List<string>();
                    hub.Attach<PythonCallStop>("myapp-bounded", (in PythonCallStop e) =>
                    {
                        window.Enqueue(e.Command);
                        if (window.Count > 100) { window.Dequeue(); }
                        batch.Add(e.Command);
                        if (batch.Count >= 50) { batch.Clear(); }
                        var scratch = new List<string>();
                        scratch.Add(e.Command);
                        var line = new StringBuilder();
                        line.Append(e.Command);
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task A_captured_local_of_a_handler_that_the_same_method_detaches_lives_only_as_long_as_that_method_says()
    {
        // The usual test: attach a probe, act, assert on what it collected, detach. The handler, and its storage, end there.
        await V.AnalyzerAsync(Usings + """
            static class ProbeTest
            {
                static int Run(TelemetryHub hub)
                {
                    var seen = new List<string>();
                    hub.Attach<PythonCallStop>("probe", (in PythonCallStop e) => seen.Add(e.Command));
                    try
                    {
                        return seen.Count;
                    }
                    finally
                    {
                        hub.Detach("probe");
                    }
                }
            }
            """);
    }
}
