using System;

namespace Snakepit.Telemetry;

/// <summary>
/// What the runtime reads of an exception that user code threw. Its members are user code too (a <c>Message</c> that
/// formats lazily and fails, a disposed resource behind <c>ToString</c>): every read here is guarded, so that reporting
/// a failure can never fail.
/// </summary>
internal static class ExceptionText
{
    /// <summary>The exception's type name (never throws: <c>GetType</c> is not virtual).</summary>
    public static string TypeName(Exception? exception)
    {
        if (exception is null)
        {
            return string.Empty;
        }

        var type = exception.GetType();
        return type.FullName ?? type.Name;
    }

    /// <summary>The exception's message, or a description of what its <c>Message</c> threw.</summary>
    public static string Message(Exception? exception)
    {
        if (exception is null)
        {
            return string.Empty;
        }

        try
        {
            return exception.Message ?? string.Empty;
        }
        catch (Exception unreadable)
        {
            return $"(the message of {TypeName(exception)} could not be read: its Message threw {TypeName(unreadable)})";
        }
    }

    /// <summary>The exception as <c>ToString</c> gives it, or its type and message when that throws.</summary>
    public static string Describe(Exception? exception)
    {
        if (exception is null)
        {
            return string.Empty;
        }

        try
        {
            return exception.ToString();
        }
        catch (Exception)
        {
            return TypeName(exception) + ": " + Message(exception);
        }
    }
}
