using System;
using System.IO;
using System.Threading;

namespace Snakepit.Telemetry.CatalogTool;

/// <summary>
/// Writes a file the tool makes from a catalog (a reference page, a dashboard): written beside and moved over, so a
/// reader never sees half a file, and a file that is already current keeps its text and only gets a new time, so the
/// build's up-to-date check holds.
/// </summary>
internal static class CatalogOutputFile
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>; true when the text changed.</summary>
    public static bool Write(string path, string text)
    {
        if (IsCurrent(path, text))
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            return false;
        }

        // Another build writing the same file at the same time (Windows refuses to replace a file that is open) is
        // waited for a little.
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        File.WriteAllText(temporary, text);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                File.Move(temporary, path, overwrite: true);
                return true;
            }
            catch (Exception ex) when ((ex is IOException or UnauthorizedAccessException) && attempt < 10)
            {
                Thread.Sleep(50 * attempt);
                if (IsCurrent(path, text))
                {
                    File.Delete(temporary);
                    return false;
                }
            }
        }
    }

    /// <summary>Whether the file holds <paramref name="text"/> already (read without blocking another writer).</summary>
    private static bool IsCurrent(string path, string text)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd() == text;
    }
}
