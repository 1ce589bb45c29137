using System.Linq;
using Snakepit.Telemetry.Generators.Model;

namespace Snakepit.Telemetry.Generators.Parsing;

/// <summary>Generated C# names: every type and member the catalog generates, claimed once, so collisions are SNK103.</summary>
internal sealed partial class CatalogParser
{
    /// <summary>Member names a payload struct already has: a field mapping to one of them would not compile.</summary>
    private static readonly string[] ReservedPayloadMembers = { "Name", "ToString", "Equals", "GetHashCode", "GetType" };

    /// <summary>
    /// The longest C# name a catalog name may become: C# identifiers end at 512 characters (CS0645), and generated
    /// names add up to 32 around it (<c>I...Handler</c>, <c>Is...Enabled</c>, <c>...Result</c>, <c>Start...</c>).
    /// </summary>
    internal const int MaxGeneratedNameLength = 480;

    /// <summary>Reports (SNK102) a name whose C# form is longer than <see cref="MaxGeneratedNameLength"/>.</summary>
    private bool IsTooLong(string kind, string name, string csharpName, SourceSpan span)
    {
        if (csharpName.Length <= MaxGeneratedNameLength)
        {
            return false;
        }

        Report(CatalogDiagnostics.NameTooLong, span, kind, name,
            csharpName.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            MaxGeneratedNameLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }

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

    internal static string SuggestSegment(string segment)
    {
        // camelCase and PascalCase become snake_case ('userId' -> 'user_id', 'HTTPStatus' -> 'http_status'); ASCII only:
        // a suggestion must itself be valid ('ordér' -> 'ord_r'); runs of separators become one.
        var text = new System.Text.StringBuilder(segment.Length + 4);
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            var upper = c >= 'A' && c <= 'Z';
            if (upper && i > 0)
            {
                var previous = segment[i - 1];
                var next = i + 1 < segment.Length ? segment[i + 1] : '\0';
                var afterLowerOrDigit = (previous >= 'a' && previous <= 'z') || (previous >= '0' && previous <= '9');
                var endsAcronym = previous >= 'A' && previous <= 'Z' && next >= 'a' && next <= 'z';
                if (afterLowerOrDigit || endsAcronym)
                {
                    text.Append('_');
                }
            }

            var lower = upper ? (char)(c + ('a' - 'A')) : c;
            var valid = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
            if (valid)
            {
                text.Append(lower);
            }
            else if (text.Length == 0 || text[text.Length - 1] != '_')
            {
                text.Append('_');
            }
        }

        var suggestion = text.ToString().Trim('_');
        return suggestion.Length > 0 && suggestion[0] >= 'a' && suggestion[0] <= 'z' ? suggestion : "x" + suggestion;
    }
}
