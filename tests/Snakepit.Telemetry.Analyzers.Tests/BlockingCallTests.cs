using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Snakepit.Telemetry.CodeFixes;
using Xunit;
using V = Snakepit.Telemetry.Analyzers.Tests.Verify<Snakepit.Telemetry.Analyzers.BlockingCallAnalyzer>;

namespace Snakepit.Telemetry.Analyzers.Tests;

/// <summary>SNK001: blocking calls in handlers, directly or through calls, and the fix that moves the handler off the emitting thread.</summary>
public class BlockingCallTests
{
    private const string Usings = "using System;\nusing System.IO;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Snakepit.Telemetry;\nusing Snakepit.Telemetry.Events;\n";

    private static DiagnosticResult Blocking(int location, string handler, string chain) =>
        V.Diagnostic("SNK001").WithSeverity(DiagnosticSeverity.Warning).WithLocation(location).WithArguments(handler, chain);

    [Fact]
    public async Task Non_blocking_handlers_are_fine()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler("myapp-counter")]
            partial class Counter : IPoolStatusHandler
            {
                private long _depth;
                private readonly Task<int> _warm = Task.FromResult(1);

                public void Handle(in PoolStatus e)
                {
                    Interlocked.Exchange(ref _depth, e.QueueDepth);
                    Console.WriteLine($"depth {e.QueueDepth}");
                    Task.Run(() => Thread.Sleep(100));            // runs elsewhere, later
                    if (_warm.IsCompleted) { Console.WriteLine(_warm.Result); }
                }
            }
            """);
    }

    [Fact]
    public async Task Direct_blocking_calls_are_reported_at_the_call()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler("myapp-logger")]
            partial class Logger
            {
                private readonly Task<string> _config = Task.FromResult("x");
                private readonly SemaphoreSlim _gate = new(1);

                [OnEvent("snakepit.python.call.stop")]
                void OnStop(in PythonCallStop e)
                {
                    {|#0:Thread.Sleep(10)|};
                    Console.WriteLine({|#1:_config.Result|});
                    {|#2:_gate.Wait()|};
                    {|#3:File.AppendAllText("calls.log", e.Command)|};
                    {|#4:_config.GetAwaiter().GetResult()|};
                }
            }
            """,
            Blocking(0, "OnStop", "OnStop -> Thread.Sleep"),
            Blocking(1, "OnStop", "OnStop -> Task.Result"),
            Blocking(2, "OnStop", "OnStop -> SemaphoreSlim.Wait"),
            Blocking(3, "OnStop", "OnStop -> File.AppendAllText"),
            Blocking(4, "OnStop", "OnStop -> TaskAwaiter.GetResult"));
    }

    [Fact]
    public async Task Calls_are_followed_and_the_chain_is_reported()
    {
        await V.AnalyzerAsync(Usings + """
            partial class Writer : IPythonCallStopHandler
            {
                public void Handle(in PythonCallStop e) => {|#0:Flush(e.Command)|};

                private void Flush(string line) => Persist(line);

                private void Persist(string line) => File.WriteAllText("last.txt", line);

                private void PingPong(int n) { if (n > 0) Pong(n - 1); }

                private void Pong(int n) => PingPong(n);
            }
            """,
            Blocking(0, "Handle", "Handle -> Flush -> Persist -> File.WriteAllText"));
    }

    [Fact]
    public async Task Recursive_helpers_do_not_hang_the_analyzer()
    {
        await V.AnalyzerAsync(Usings + """
            partial class Looper : IPoolStatusHandler
            {
                public void Handle(in PoolStatus e) => Ping(3);

                private void Ping(int n) { if (n > 0) Pong(n - 1); }

                private void Pong(int n) => Ping(n);
            }
            """);
    }

    [Fact]
    public async Task Lambdas_attached_to_the_hub_are_handlers()
    {
        await V.AnalyzerAsync(Usings + """
            static class Startup
            {
                static void Run(TelemetryHub hub)
                {
                    hub.Attach<PoolStatus>("myapp-slow", (in PoolStatus e) => {|#0:Thread.Sleep(1)|});
                }
            }
            """,
            Blocking(0, "lambda", "lambda -> Thread.Sleep"));
    }

    [Fact]
    public async Task Users_extend_the_list_with_an_additional_file()
    {
        var test = new CSharpAnalyzerTest<BlockingCallAnalyzer, DefaultVerifier>
        {
            TestCode = Usings + """
                static class Legacy { public static void SyncSave(string s) { } }

                partial class Saver : IPoolStatusHandler
                {
                    public void Handle(in PoolStatus e) => {|#0:Legacy.SyncSave(e.PoolName)|};
                }
                """,
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
        };
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(TelemetryHub).Assembly.Location));
        test.TestState.AdditionalFiles.Add(("SnakepitBlockingCalls.txt", "# our blocking APIs\nM:Legacy.SyncSave(System.String);Writes to disk\n"));
        test.ExpectedDiagnostics.Add(Blocking(0, "Handle", "Handle -> Legacy.SyncSave"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Fix_sets_background_dispatch_on_the_handler_class()
    {
        await V.CodeFixAsync<BlockingCallCodeFixProvider>(
            Usings + """
            [TelemetryHandler("myapp-file-logger")]
            public sealed partial class FileLogger
            {
                [OnEvent("snakepit.python.call.stop")]
                void OnStop(in PythonCallStop e) => {|#0:File.AppendAllText("calls.log", e.Command)|};
            }
            """,
            Usings + """
            [TelemetryHandler("myapp-file-logger", Dispatch = TelemetryDispatchMode.Background)]
            public sealed partial class FileLogger
            {
                [OnEvent("snakepit.python.call.stop")]
                void OnStop(in PythonCallStop e) => File.AppendAllText("calls.log", e.Command);
            }
            """,
            expected: Blocking(0, "OnStop", "OnStop -> File.AppendAllText"));
    }

    [Fact]
    public async Task Fix_all_sets_background_dispatch_once_per_class()
    {
        await V.FixAllAsync<BlockingCallCodeFixProvider>(
            Usings + """
            [TelemetryHandler("myapp-file-logger")]
            public sealed partial class FileLogger
            {
                [OnEvent("snakepit.python.call.stop")]
                void OnStop(in PythonCallStop e) => {|SNK001:File.AppendAllText("calls.log", e.Command)|};

                [OnEvent("snakepit.pool.status")]
                void OnStatus(in PoolStatus e) => {|SNK001:Thread.Sleep(1)|};
            }
            """,
            Usings + """
            [TelemetryHandler("myapp-file-logger", Dispatch = TelemetryDispatchMode.Background)]
            public sealed partial class FileLogger
            {
                [OnEvent("snakepit.python.call.stop")]
                void OnStop(in PythonCallStop e) => File.AppendAllText("calls.log", e.Command);

                [OnEvent("snakepit.pool.status")]
                void OnStatus(in PoolStatus e) => Thread.Sleep(1);
            }
            """);
    }

    [Fact]
    public async Task Background_handlers_are_not_reported()
    {
        await V.AnalyzerAsync(Usings + """
            [TelemetryHandler("myapp-file-logger", Dispatch = TelemetryDispatchMode.Background)]
            public sealed partial class FileLogger : IPythonCallStopHandler
            {
                public void Handle(in PythonCallStop e) => File.AppendAllText("calls.log", e.Command);
            }
            """);
    }

    [Fact]
    public async Task Builder_bindings_set_to_background_are_not_reported_and_inline_ones_are()
    {
        await V.AnalyzerAsync(Usings + """
            static class Startup
            {
                static void Run(TelemetryHub hub)
                {
                    hub.Attach(new TelemetryHandlerBuilder("myapp-bg-lambda", new object())
                        .WithDispatch(TelemetryDispatchMode.Background, 16)
                        .On<PoolStatus>((in PoolStatus e) => Thread.Sleep(5)));

                    var builder = new TelemetryHandlerBuilder("myapp-bg-method", new object());
                    builder.WithDispatch(TelemetryDispatchMode.Background, 16);
                    builder.On<PoolStatus>(Slow);
                    hub.Attach(builder);

                    var declared = new TelemetryHandlerBuilder("myapp-bg-declared", new object()).WithDispatch(TelemetryDispatchMode.Background);
                    declared.On<PoolStatus>(Slow);
                    hub.Attach(declared);

                    hub.Attach(new TelemetryHandlerBuilder("myapp-inline", new object())
                        .On<PoolStatus>((in PoolStatus e) => {|#0:Thread.Sleep(5)|}));
                }

                static void Slow(in PoolStatus e) => File.AppendAllText("/tmp/out.txt", e.PoolName);
            }
            """,
            Blocking(0, "lambda", "lambda -> Thread.Sleep"));
    }

    [Fact]
    public async Task Result_of_a_task_awaited_or_passed_to_WhenAll_before_is_not_blocking()
    {
        await V.AnalyzerAsync(Usings + """
            partial class Reporter : IPoolStatusHandler
            {
                private readonly Task<int> _a = Task.FromResult(1);
                private readonly Task<int> _b = Task.FromResult(2);

                public void Handle(in PoolStatus e) => _ = Summarize();

                private async Task<int> Summarize()
                {
                    await _a;
                    await Task.WhenAll(_b);
                    return _a.Result + _b.GetAwaiter().GetResult();
                }
            }
            """);
    }

    [Fact]
    public async Task Adding_to_a_bounded_BlockingCollection_blocks_and_to_an_unbounded_one_does_not()
    {
        await V.AnalyzerAsync(Usings + """
            using System.Collections.Concurrent;

            [TelemetryHandler("myapp-handoff")]
            partial class Handoff : IPythonCallStopHandler
            {
                private readonly BlockingCollection<string> _bounded = new(boundedCapacity: 100);
                private readonly BlockingCollection<string> _unbounded = new();
                private readonly BlockingCollection<string> _assigned;

                public Handoff() => _assigned = new BlockingCollection<string>(new ConcurrentQueue<string>(), 10);

                public void Handle(in PythonCallStop e)
                {
                    {|#0:_bounded.Add(e.Command)|};
                    {|#1:_assigned.Add(e.Command)|};
                    _unbounded.Add(e.Command);
                    _bounded.TryAdd(e.Command);
                }
            }
            """,
            Blocking(0, "Handle", "Handle -> BlockingCollection.Add (bounded: it waits while the collection is full)"),
            Blocking(1, "Handle", "Handle -> BlockingCollection.Add (bounded: it waits while the collection is full)"));
    }

    [Fact]
    public async Task Background_dispatch_counts_wherever_the_chain_or_its_variables_set_it()
    {
        await V.AnalyzerAsync(Usings + """
            static class Startup
            {
                static void Run(TelemetryHub hub)
                {
                    hub.Attach(new TelemetryHandlerBuilder("myapp-after", new object())
                        .On<PoolStatus>((in PoolStatus e) => Thread.Sleep(5))
                        .WithDispatch(TelemetryDispatchMode.Background));

                    hub.Attach(new TelemetryHandlerBuilder("myapp-between", new object())
                        .On<PoolStatus>((in PoolStatus e) => Thread.Sleep(5))
                        .WithDispatch(TelemetryDispatchMode.Background, 64)
                        .On<PythonCallStop>((in PythonCallStop e) => Thread.Sleep(5)));

                    var later = new TelemetryHandlerBuilder("myapp-later", new object());
                    later.On<PoolStatus>(Slow);
                    later.WithDispatch(TelemetryDispatchMode.Background);
                    hub.Attach(later);

                    var bound = new TelemetryHandlerBuilder("myapp-flows", new object()).On<PoolStatus>(Slow);
                    hub.Attach(bound.WithDispatch(TelemetryDispatchMode.Background));

                    var first = new TelemetryHandlerBuilder("myapp-two-locals", new object());
                    var second = first.On<PoolStatus>((in PoolStatus e) => Thread.Sleep(5));
                    second.WithDispatch(TelemetryDispatchMode.Background);
                    hub.Attach(second);
                }

                static void Slow(in PoolStatus e) => File.AppendAllText("/tmp/out.txt", e.PoolName);
            }
            """);
    }

    [Fact]
    public async Task The_last_dispatch_mode_set_on_the_builder_decides()
    {
        await V.AnalyzerAsync(Usings + """
            static class Startup
            {
                static void Run(TelemetryHub hub)
                {
                    hub.Attach(new TelemetryHandlerBuilder("myapp-back-to-inline", new object())
                        .WithDispatch(TelemetryDispatchMode.Background)
                        .On<PoolStatus>((in PoolStatus e) => {|#0:Thread.Sleep(5)|})
                        .WithDispatch(TelemetryDispatchMode.Inline));

                    var local = new TelemetryHandlerBuilder("myapp-local-inline", new object()).WithDispatch(TelemetryDispatchMode.Background);
                    local.On<PoolStatus>((in PoolStatus e) => {|#1:Thread.Sleep(5)|});
                    local.WithDispatch(TelemetryDispatchMode.Inline);
                    hub.Attach(local);

                    var other = new TelemetryHandlerBuilder("myapp-other", new object()).WithDispatch(TelemetryDispatchMode.Background);
                    var mine = new TelemetryHandlerBuilder("myapp-mine", new object());
                    mine.On<PoolStatus>((in PoolStatus e) => {|#2:Thread.Sleep(5)|});
                    hub.Attach(mine);
                    hub.Attach(other);
                }
            }
            """,
            Blocking(0, "lambda", "lambda -> Thread.Sleep"),
            Blocking(1, "lambda", "lambda -> Thread.Sleep"),
            Blocking(2, "lambda", "lambda -> Thread.Sleep"));
    }

    [Fact]
    public async Task Awaiting_through_ConfigureAwait_counts_as_awaiting()
    {
        await V.AnalyzerAsync(Usings + """
            using System.Runtime.CompilerServices;

            partial class Reporter : IPoolStatusHandler
            {
                private readonly Task<int> _a = Task.FromResult(1);
                private readonly Task<int> _b = Task.FromResult(2);
                private readonly Task<int> _c = Task.FromResult(3);
                private readonly Task<int> _d = Task.FromResult(4);
                private readonly Task<int> _e = Task.FromResult(5);
                private readonly Task<int> _f = Task.FromResult(6);

                public void Handle(in PoolStatus e) => _ = Summarize();

                private async Task<int> Summarize()
                {
                    await _a.ConfigureAwait(false);
                    await _b.ConfigureAwait(continueOnCapturedContext: true);
                    await Task.WhenAll(_c, _d).ConfigureAwait(false);
                    ConfiguredTaskAwaitable<int> awaitable = _e.ConfigureAwait(false);
                    await awaitable;
                    var configured = _f.ConfigureAwait(ConfigureAwaitOptions.None);
                    await configured;
                    return _a.Result + _b.Result + _c.Result + _d.GetAwaiter().GetResult() + _e.Result +
                           _f.ConfigureAwait(false).GetAwaiter().GetResult();
                }
            }
            """);
    }

    [Fact]
    public async Task ConfigureAwait_without_an_await_is_still_blocking()
    {
        await V.AnalyzerAsync(Usings + """
            partial class Reporter : IPoolStatusHandler
            {
                private readonly Task<int> _a = Task.FromResult(1);

                public void Handle(in PoolStatus e)
                {
                    var configured = _a.ConfigureAwait(false);
                    Console.WriteLine({|#0:configured.GetAwaiter().GetResult()|});
                }
            }
            """,
            Blocking(0, "Handle", "Handle -> ConfiguredTaskAwaiter.GetResult"));
    }

    [Fact]
    public async Task SpinUntil_Parallel_loops_and_getters_or_constructors_that_block_are_reported()
    {
        await V.AnalyzerAsync(Usings + """
            sealed class Settings
            {
                public Settings() => Text = File.ReadAllText("settings.json");
                public string Text { get; }
            }

            partial class Watcher : IPoolStatusHandler
            {
                private volatile bool _ready;

                private string Threshold => File.ReadAllText("threshold.txt");

                private string Cached { get; } = "x";

                public void Handle(in PoolStatus e)
                {
                    {|#0:SpinWait.SpinUntil(() => _ready)|};
                    {|#1:Parallel.ForEach(new[] { 1, 2 }, i => Console.WriteLine(i))|};
                    Console.WriteLine({|#2:Threshold|});
                    Console.WriteLine({|#3:new Settings()|}.Text);
                    Console.WriteLine(Cached);
                }
            }
            """,
            Blocking(0, "Handle", "Handle -> SpinWait.SpinUntil"),
            Blocking(1, "Handle", "Handle -> Parallel.ForEach"),
            Blocking(2, "Handle", "Handle -> Threshold -> File.ReadAllText"),
            Blocking(3, "Handle", "Handle -> new Settings -> File.ReadAllText"));
    }
}
