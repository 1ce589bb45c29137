using System;
using System.Collections.Concurrent;
using System.Linq;
using Snakepit.Telemetry.Events;
using Xunit;

namespace Snakepit.Telemetry.Tests;

/// <summary>Which binding of a handler receives an event, and under which id its own reports go.</summary>
public sealed class BindingTests : IDisposable
{
    private readonly TelemetryHub _hub = new();

    public void Dispose() => _hub.Dispose();

    [Theory]
    [InlineData(TelemetryDispatchMode.Inline)]
    [InlineData(TelemetryDispatchMode.Background)]
    public void Each_binding_of_a_builder_receives_each_matching_event_once(TelemetryDispatchMode mode)
    {
        var seen = new ConcurrentQueue<string>();
        var everything = new NamingHandler("all", seen);
        var pools = new NamingHandler("pools", seen);
        _hub.Attach(new TelemetryHandlerBuilder("bindings", this)
            .On<PoolStatus>((in PoolStatus e) => seen.Enqueue("typed " + PoolStatus.Name))
            .OnEvents(everything, "*")
            .OnEvents(pools, "snakepit.pool.*")
            .WithDispatch(mode));

        _hub.Emit(Events.Status());
        _hub.Emit(Events.Stop());
        Assert.True(_hub.WaitForBackgroundHandler("bindings", TimeSpan.FromSeconds(30)));

        Assert.Equal(
            new[] { "all snakepit.pool.status", "all snakepit.python.call.stop", "pools snakepit.pool.status", "typed snakepit.pool.status" },
            seen.OrderBy(s => s, StringComparer.Ordinal));
    }

    [Fact]
    public void An_object_attached_whole_gets_its_typed_interface_before_its_generic_method()
    {
        var both = new TypedAndGeneric();
        _hub.Attach("both", both);

        _hub.Emit(Events.Status());
        _hub.Emit(Events.Stop());

        Assert.Equal(new[] { "typed snakepit.pool.status", "generic snakepit.python.call.stop" }, both.Seen);
    }

    [Fact]
    public void ReportHandlerError_with_this_from_a_lambda_reports_under_the_lambdas_handler_id()
    {
        var failures = new FailureRecorder();
        _hub.Attach("failures", failures);
        var component = new Component(_hub);
        component.AttachTo(_hub);

        _hub.Emit(Events.Status());
        _hub.Emit(Events.Stop());

        Assert.Equal(new[] { ("component-status", PoolStatus.Name), ("component-stops", PythonCallStop.Name) }, failures.Failures.Select(f => (f.HandlerId, f.FailedEventName)));
        Assert.All(failures.Failures, f => Assert.False(f.Detached));
        Assert.Equal(1, _hub.ListHandlers().Single(h => h.Id == "component-status").Failures);
        Assert.Equal(1, _hub.ListHandlers().Single(h => h.Id == "component-stops").Failures);
    }

    private sealed class Component
    {
        private readonly TelemetryHub _hub;

        public Component(TelemetryHub hub) => _hub = hub;

        public void AttachTo(TelemetryHub hub)
        {
            // Two lambdas of one object under two ids: each report names the id of the lambda that made it.
            hub.Attach<PoolStatus>("component-status", (in PoolStatus e) => Handle(PoolStatus.Name));
            hub.Attach<PythonCallStop>("component-stops", (in PythonCallStop e) => Handle(PythonCallStop.Name));
        }

        private void Handle(string eventName)
        {
            try
            {
                throw new InvalidOperationException("caught by the handler");
            }
            catch (InvalidOperationException ex)
            {
                _hub.ReportHandlerError(this, eventName, ex);
            }
        }
    }

    private sealed class NamingHandler : ITelemetryHandler
    {
        private readonly string _name;
        private readonly ConcurrentQueue<string> _seen;

        public NamingHandler(string name, ConcurrentQueue<string> seen) => (_name, _seen) = (name, seen);

        public void Handle<TEvent>(in TEvent e)
            where TEvent : struct, ITelemetryEvent => _seen.Enqueue(_name + " " + e.EventName);
    }

    private sealed class TypedAndGeneric : ITelemetryHandler, IPoolStatusHandler
    {
        public System.Collections.Generic.List<string> Seen { get; } = new();

        public void Handle(in PoolStatus e) => Seen.Add("typed " + PoolStatus.Name);

        public void Handle<TEvent>(in TEvent e)
            where TEvent : struct, ITelemetryEvent => Seen.Add("generic " + e.EventName);
    }
}
