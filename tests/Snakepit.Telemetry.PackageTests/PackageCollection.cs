using Xunit;

namespace Snakepit.Telemetry.PackageTests;

/// <summary>One packed package for every test class that uses it (packing takes a while).</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "Packed package";
}
