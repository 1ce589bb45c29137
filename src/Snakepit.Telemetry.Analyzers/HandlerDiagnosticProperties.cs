namespace Snakepit.Telemetry.Analyzers;

/// <summary>The properties the handler analyzers attach to their diagnostics for the code fixes, and their values.</summary>
internal static class HandlerDiagnosticProperties
{
    /// <summary>SNK005, SNK006: the suggested names, separated by ';', best first.</summary>
    public const string Suggestions = "Suggestions";

    /// <summary>SNK008: the payload type to take (fully qualified), or <see cref="GenericPayload"/>.</summary>
    public const string Payload = "Payload";

    /// <summary>SNK008: the value of <see cref="Payload"/> for a generic handler (a prefix).</summary>
    public const string GenericPayload = "<generic>";

    /// <summary>SNK008: the name of the handler's parameter, kept by the fix.</summary>
    public const string ParameterName = "ParameterName";

    /// <summary>SNK001: "true" when the handler's [TelemetryHandler] can switch it to background dispatch.</summary>
    public const string CanRunInBackground = "CanRunInBackground";

    /// <summary>SNK002: the expression naming the handler in ReportHandlerError ("this" or the id).</summary>
    public const string HandlerReference = "HandlerReference";

    /// <summary>SNK002: the expression giving the handled event's name in the catch block.</summary>
    public const string EventNameExpression = "EventNameExpression";

    /// <summary>SNK010: "partial" when the fix is to add the partial modifier, "empty" when the class binds nothing.</summary>
    public const string Reason = "Reason";
}
