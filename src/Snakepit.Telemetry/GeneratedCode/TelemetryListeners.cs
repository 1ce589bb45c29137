using System;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using Snakepit.Telemetry.Dispatch;

namespace Snakepit.Telemetry;

/// <summary>
/// Guards generated code's calls into System.Diagnostics listeners. Supports generated code; not meant to be used
/// directly.
/// </summary>
/// <remarks>
/// <para>Recording an instrument calls every MeterListener's callback, and starting or stopping an Activity every
/// ActivityListener's: user code, on the emitting thread. Whatever they do, nothing reaches the emitter: an exception is
/// reported (the <c>Snakepit-Telemetry</c> EventSource, the failures counter, and <c>telemetry.handler.failure</c>
/// under the id <see cref="MeterListenerId"/> or <see cref="ActivityListenerId"/>, at most once a minute per event),
/// and a callback that emits, so that recording nests past 32 levels on one thread, is cut off there and reported the
/// same way.</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TelemetryListeners
{
    /// <summary>The id under which a failing MeterListener callback is reported.</summary>
    public const string MeterListenerId = "meter-listener";

    /// <summary>The id under which a failing ActivityListener callback is reported.</summary>
    public const string ActivityListenerId = "activity-listener";

    private const int OverflowBit = 1 << 30;

    private static readonly ConcurrentDictionary<string, long> s_lastReports = new(StringComparer.Ordinal);

    // How deeply listener callbacks nest on this thread (recording inside a measurement callback, a span started inside
    // an activity callback), and, in OverflowBit, that the limit was reached below the outermost one: from then until
    // the outermost returns, every nested entry is refused at once, so a callback that emits twice per call (fan-out)
    // stops at 32 levels without running 2^32 callbacks first.
    [ThreadStatic]
    private static int t_nesting;

    /// <summary>
    /// Enters recording the instruments of <paramref name="eventName"/>: false (and the recursion reported) when
    /// recording already nests too deeply on this thread, a listener's callback emitting what it records.
    /// </summary>
    public static bool EnterRecording(string eventName)
    {
        if (!Enter(out var depth))
        {
            if (depth != 0)
            {
                Report(MeterListenerId, eventName, new TelemetryRecursionException(
                    MeterListenerId,
                    eventName,
                    depth,
                    $"A MeterListener callback emitted while '{eventName}' was recorded, {depth} levels deep on one thread: the recording was cut off there. Do not emit from measurement callbacks."));
            }

            return false;
        }

        return true;
    }

    /// <summary>Leaves what <see cref="EnterRecording"/> entered (in a <c>finally</c>).</summary>
    public static void ExitRecording() => Exit();

    /// <summary>
    /// Enters a listener call: false when nesting reached its limit (<paramref name="depth"/> is then the depth reached
    /// the first time, and 0 for the entries refused after it, which are not reported again).
    /// </summary>
    private static bool Enter(out int depth)
    {
        ref var nesting = ref t_nesting;
        depth = nesting & ~OverflowBit;
        if ((nesting & OverflowBit) != 0)
        {
            depth = 0;
            return false;
        }

        if (depth >= DispatchContext.MaxDepth)
        {
            nesting |= OverflowBit;
            return false;
        }

        nesting++;
        return true;
    }

    private static void Exit()
    {
        ref var nesting = ref t_nesting;
        nesting--;
        if ((nesting & ~OverflowBit) == 0)
        {
            // The outermost listener call returned: the overflow below it is over.
            nesting = 0;
        }
    }

    /// <summary>A MeterListener callback threw while <paramref name="eventName"/> was recorded.</summary>
    public static void RecordingFailed(string eventName, Exception exception) => Report(MeterListenerId, eventName, exception);

    /// <summary>Starts <paramref name="name"/> on <paramref name="source"/>: null when a listener's callback throws or emits without end.</summary>
    public static Activity? StartActivity(ActivitySource source, string name)
    {
        if (source is null)
        {
            throw new ArgumentNullException(nameof(source));
        }

        if (!Enter(out var depth))
        {
            if (depth != 0)
            {
                Report(ActivityListenerId, name, new TelemetryRecursionException(
                    ActivityListenerId,
                    name,
                    depth,
                    $"An ActivityListener callback started span '{name}' again, {depth} levels deep on one thread: no activity was started there. Do not start spans from activity callbacks."));
            }

            return null;
        }

        try
        {
            return source.StartActivity(name, ActivityKind.Internal);
        }
        catch (Exception ex)
        {
            Report(ActivityListenerId, name, ex);
            return null;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Stops <paramref name="activity"/>; a listener's callback that throws is reported, not thrown.</summary>
    public static void StopActivity(Activity activity)
    {
        if (activity is null)
        {
            throw new ArgumentNullException(nameof(activity));
        }

        // Never refused, even past the nesting limit: a started activity must end, or Activity.Current would stay on it.
        // It counts as a level all the same, so that a stop callback that starts and stops spans again is cut off where
        // it starts them.
        ref var nesting = ref t_nesting;
        if ((nesting & ~OverflowBit) >= DispatchContext.MaxDepth)
        {
            nesting |= OverflowBit;
        }

        nesting++;
        try
        {
            activity.Stop();
        }
        catch (Exception ex)
        {
            Report(ActivityListenerId, activity.OperationName, ex);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Records <paramref name="exception"/> on <paramref name="activity"/> as OpenTelemetry's <c>exception</c> event
    /// and sets status Error with its message, reading the exception's members (user code) safely.
    /// </summary>
    public static void RecordException(Activity activity, Exception exception)
    {
        if (activity is null || exception is null)
        {
            throw new ArgumentNullException(activity is null ? nameof(activity) : nameof(exception));
        }

        try
        {
            activity.AddException(exception);
        }
        catch (Exception)
        {
            // The exception's StackTrace or ToString threw, or an exception recorder did: record what can be read.
            try
            {
                activity.AddEvent(new ActivityEvent("exception", tags: new ActivityTagsCollection
                {
                    ["exception.type"] = ExceptionText.TypeName(exception),
                    ["exception.message"] = ExceptionText.Message(exception),
                }));
            }
            catch (Exception)
            {
                // Nothing more can be read.
            }
        }

        activity.SetStatus(ActivityStatusCode.Error, ExceptionText.Message(exception));
    }

    /// <summary>
    /// A running span was disposed before <c>Stop</c> or <c>Exception</c> ended it: its end event is not emitted (its
    /// fields are not known); its activity, if any, is stopped with status Error; it is counted
    /// (<c>snakepit.telemetry.spans.abandoned</c>) and written to the EventSource.
    /// </summary>
    public static void SpanAbandoned(string spanName, Activity? activity)
    {
        TelemetryEventSource.Log.SpanAbandonedSafe(spanName);
        if (activity is not null)
        {
            if (activity.Status != ActivityStatusCode.Error)
            {
                activity.SetStatus(ActivityStatusCode.Error, "Disposed before Stop or Exception ended the span.");
            }

            StopActivity(activity);
        }
    }

    /// <summary>Forgets when failures were last reported, so the next is reported at once (for tests).</summary>
    internal static void ForgetReports() => s_lastReports.Clear();

    /// <summary>Reports a listener's failure: the first for an event at once, then at most once a minute.</summary>
    private static void Report(string listenerId, string eventName, Exception exception)
    {
        var now = Stopwatch.GetTimestamp();
        var key = listenerId + "\n" + eventName;
        var last = s_lastReports.GetOrAdd(key, 0);
        if (last != 0 && now - last < 60 * Stopwatch.Frequency)
        {
            return;
        }

        if (!s_lastReports.TryUpdate(key, now == 0 ? 1 : now, last))
        {
            return;
        }

        TelemetryHub.Default.ReportListenerFailure(listenerId, eventName, exception);
    }
}
