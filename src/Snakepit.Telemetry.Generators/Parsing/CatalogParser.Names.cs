using System.Linq;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>Generated C# names: every type and member the catalog generates, claimed once, so collisions are SNK103.</summary>
internal sealed partial class CatalogParser
{
    /// <summary>Member names a payload struct already has: a field mapping to one of them would not compile.</summary>
    private static readonly string[] ReservedPayloadMembers = { "Name", "ToString", "Equals", "GetHashCode", "GetType" };

    private bool ClaimType(string typeName, SourceSpan span, string what)
    {
        if (_typeNames.TryGetValue(typeName, out var other))
        {
            Report(CatalogDiagnostics.CollidingType, span, Capitalize(what), typeName, other);
            return false;
        }

        _typeNames[typeName] = what;
        return true;
    }

    private bool ClaimMember(string memberName, SourceSpan span, string what)
    {
        if (_className.Length == 0)
        {
            return true;
        }

        if (_classMembers.TryGetValue(memberName, out var other))
        {
            Report(CatalogDiagnostics.CollidingMember, span, Capitalize(what), _className + "." + memberName, other);
            return false;
        }

        _classMembers[memberName] = what;
        return true;
    }

    private static string SuggestSegment(string segment)
    {
        var chars = segment.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray();
        var suggestion = new string(chars).Trim('_');
        return suggestion.Length > 0 && char.IsLetter(suggestion[0]) ? suggestion : "x" + suggestion;
    }
}
