namespace Revisions.Browser.Tests;

/// <summary>
/// The machine's Chromium (or Chrome), which the browser tests drive: Playwright never downloads one here.
/// REVISIONS_CHROMIUM names it; otherwise the usual places and the PATH are searched.
/// </summary>
public static class Chromium
{
    public const string Variable = "REVISIONS_CHROMIUM";

    private static readonly string[] Places =
    [
        "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable",
        "/snap/bin/chromium", "/opt/google/chrome/chrome",
        "/Applications/Chromium.app/Contents/MacOS/Chromium", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    ];

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    public static string Find() =>
        Find(Environment.GetEnvironmentVariable(Variable), Environment.GetEnvironmentVariable("PATH"), File.Exists);

    /// <exception cref="InvalidOperationException">None was found; the message says how to install one.</exception>
    public static string Find(string? named, string? path, Func<string, bool> exists)
    {
        if (!string.IsNullOrWhiteSpace(named))
        {
            return exists(named)
                ? named
                : throw new InvalidOperationException($"{Variable} names {named}, which does not exist.{Environment.NewLine}{InstallHelp}");
        }
        var onPath = (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => Names.Select(name => Path.Combine(dir, name)));
        return Places.Concat(onPath).FirstOrDefault(exists)
               ?? throw new InvalidOperationException($"The browser tests need Chromium and found none (looked in {string.Join(", ", Places)} and on the PATH).{Environment.NewLine}{InstallHelp}");
    }

    public const string InstallHelp =
        """
        Install it and run the tests again:
          Debian:         sudo apt-get install -y chromium
          Ubuntu:         sudo snap install chromium   (or: sudo apt-get install -y chromium-browser)
          Fedora:         sudo dnf install -y chromium
          macOS:          brew install --cask chromium
        or point REVISIONS_CHROMIUM at a Chromium or Chrome executable: REVISIONS_CHROMIUM=/path/to/chrome dotnet test
        """;
}
