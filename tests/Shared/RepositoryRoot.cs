using System.IO;

namespace Snakepit.Telemetry.TestCases;

/// <summary>The repository root, found from the test's output folder.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(System.AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Snakepit.Generators.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Snakepit.Generators.sln not found above " + System.AppContext.BaseDirectory);
    }
}
