namespace Revisions.Watch;

/// <summary>
/// A site's robots.txt as RFC 9309 reads it: the group for our product token (or <c>*</c>), its allow and
/// disallow rules (the longest match wins, allow on a tie; <c>*</c> and a final <c>$</c> as wildcards), and
/// the Crawl-delay many sites still set, which Revisions honours as the least time between two requests.
/// </summary>
public sealed class RobotsRules
{
    private readonly List<(string Pattern, bool Allow)> _rules;

    private RobotsRules(List<(string, bool)> rules, TimeSpan? crawlDelay) => (_rules, CrawlDelay) = (rules, crawlDelay);

    /// <summary>No robots.txt (404 and other 4xx): everything may be fetched.</summary>
    public static RobotsRules AllowAll { get; } = new([], null);

    /// <summary>robots.txt could not be read (5xx, timeout): RFC 9309 says to assume nothing may be fetched.</summary>
    public static RobotsRules DisallowAll { get; } = new([("/", false)], null);

    public TimeSpan? CrawlDelay { get; }

    /// <param name="productToken">The name our User-Agent starts with, which a group may address ("Revisions").</param>
    public static RobotsRules Parse(string text, string productToken)
    {
        var groups = new List<(List<string> Agents, List<(string, bool)> Rules, TimeSpan? Delay)>();
        (List<string> Agents, List<(string, bool)> Rules, TimeSpan? Delay)? current = null;
        var lastWasAgent = false;
        foreach (var raw in text.Split('\n').Take(10_000))
        {
            var line = raw.Split('#')[0].Trim();
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (key == "user-agent")
            {
                if (current is null || !lastWasAgent)
                {
                    current = ([], [], null);
                    groups.Add(current.Value);
                }
                current.Value.Agents.Add(value.ToLowerInvariant());
                lastWasAgent = true;
                continue;
            }
            lastWasAgent = false;
            if (current is null) continue;
            switch (key)
            {
                case "allow" or "disallow" when value.Length > 0:
                    current.Value.Rules.Add((value, key == "allow"));
                    break;
                case "crawl-delay" when double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0:
                    var index = groups.IndexOf(current.Value);
                    current = (current.Value.Agents, current.Value.Rules, TimeSpan.FromSeconds(Math.Min(seconds, 3600)));
                    groups[index] = current.Value;
                    break;
            }
        }
        var token = productToken.ToLowerInvariant();
        var ours = groups.Where(g => g.Agents.Any(a => a != "*" && token.StartsWith(a, StringComparison.Ordinal))).ToList();
        if (ours.Count == 0) ours = groups.Where(g => g.Agents.Contains("*")).ToList();
        return new RobotsRules(ours.SelectMany(g => g.Rules).ToList(), ours.Select(g => g.Delay).FirstOrDefault(d => d is not null));
    }

    /// <summary>Whether the path and query of <paramref name="url"/> may be fetched.</summary>
    public bool Allows(Uri url)
    {
        var path = url.PathAndQuery;
        var best = -1;
        var allowed = true;
        foreach (var (pattern, allow) in _rules)
        {
            if (!Matches(pattern, path)) continue;
            if (pattern.Length > best || (pattern.Length == best && allow))
            {
                best = pattern.Length;
                allowed = allow;
            }
        }
        return allowed;
    }

    private static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        var parts = (anchored ? pattern[..^1] : pattern).Split('*');
        if (!path.StartsWith(parts[0], StringComparison.Ordinal)) return false;
        var at = parts[0].Length;
        for (var i = 1; i < parts.Length; i++)
        {
            var found = path.IndexOf(parts[i], at, StringComparison.Ordinal);
            if (found < 0) return false;
            at = found + parts[i].Length;
        }
        if (!anchored) return true;
        // With '$' the last literal part must end the path: try its last occurrence.
        return parts.Length == 1 ? path.Length == at : path.EndsWith(parts[^1], StringComparison.Ordinal) && path.Length - parts[^1].Length >= at - parts[^1].Length;
    }
}
