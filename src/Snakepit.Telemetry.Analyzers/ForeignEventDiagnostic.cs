using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Snakepit.Telemetry.Analyzers;

/// <summary>Builds SNK005 for an event name in code under another assembly's catalog (shared by two analyzers).</summary>
internal static class ForeignEventDiagnostic
{
    /// <summary>
    /// SNK005 at <paramref name="location"/> for <paramref name="name"/>, under <paramref name="owner"/>'s catalog: with
    /// the project's own catalog name in its place as the suggestion (when the project has exactly one catalog).
    /// </summary>
    public static Diagnostic Create(Location location, string name, string owner, KnownEvents known)
    {
        var own = known.OwnCatalogs.Count == 1 ? known.OwnCatalogs.First() : null;
        var renamed = own is null ? "" : own + "." + name.Substring(name.IndexOf('.') + 1);
        var properties = ImmutableDictionary<string, string?>.Empty.Add(HandlerDiagnosticProperties.Suggestions, renamed);
        return Diagnostic.Create(HandlerDiagnostics.ForeignEventName, location, properties, name, name.Split('.')[0], owner, own is null ? "" : $" ('{renamed}')");
    }
}
