using Microsoft.CodeAnalysis.CSharp;

namespace Snakepit.Telemetry.Generators;

/// <summary>The one place the C# language version rules of generated code are written.</summary>
internal static class LanguageVersions
{
    /// <summary>The oldest C# version the generated code compiles with.</summary>
    public const LanguageVersion Minimum = LanguageVersion.CSharp8;

    /// <summary>Whether code can be generated for <paramref name="version"/> (as given: <c>latest</c> and the like are mapped).</summary>
    public static bool CanGenerate(LanguageVersion version) => version.MapSpecifiedToEffectiveVersion() >= Minimum;

    /// <summary>Whether generated code may use <c>[ModuleInitializer]</c> (C# 9), given the attribute is available.</summary>
    public static bool AllowsModuleInitializers(LanguageVersion version) => version.MapSpecifiedToEffectiveVersion() >= LanguageVersion.CSharp9;

    /// <summary>The version of <paramref name="options"/>; <see cref="Minimum"/> for options that are not C#'s.</summary>
    public static LanguageVersion Of(Microsoft.CodeAnalysis.ParseOptions options) =>
        options is CSharpParseOptions csharp ? csharp.LanguageVersion : Minimum;
}
