using System;
using System.IO;
using System.Threading;
using Snakepit.Telemetry.Generators.Emitting;

namespace Snakepit.Telemetry.CatalogTool;

/// <summary>Writes a catalog's Markdown reference page, read by the generator's own parser and written by its docs emitter.</summary>
internal static class CatalogDocsCommand
{
    /// <summary>
    /// Writes the page of <paramref name="catalogPath"/> to <paramref name="pagePath"/>. A page that is already current
    /// keeps its text and only gets a new time, so the build's up-to-date check holds. A catalog with errors writes no
    /// page: its diagnostics go to <paramref name="output"/> as MSBuild errors, and the result is 1.
    /// </summary>
    public static int Run(string catalogPath, string pagePath, TextWriter output)
    {
        var spec = CatalogFileReader.Read(catalogPath, output);
        if (spec is null)
        {
            return 1;
        }

        if (WriteIfChanged(pagePath, CatalogDocsEmitter.Emit(spec)))
        {
            output.WriteLine($"Snakepit.Telemetry: wrote {pagePath} from {catalogPath}");
        }

        return 0;
    }

    /// <summary>
    /// Writes <paramref name="text"/> to <paramref name="path"/>, or only touches it when it holds that text already (so
    /// the build's up-to-date check holds). True when the text was written.
    /// </summary>
    public static bool WriteIfChanged(string path, string text)
    {
        if (IsCurrent(path, text))
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            return false;
        }

        // Written beside and moved over, so a reader never sees half a page. Another build writing the same page at
        // the same time (Windows refuses to replace a file that is open) is waited for a little.
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        File.WriteAllText(temporary, text);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                File.Move(temporary, path, overwrite: true);
                break;
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

        return true;
    }

    /// <summary>Whether the page holds <paramref name="page"/> already (read without blocking another writer).</summary>
    private static bool IsCurrent(string pagePath, string page)
    {
        if (!File.Exists(pagePath))
        {
            return false;
        }

        using var stream = new FileStream(pagePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd() == page;
    }
}
