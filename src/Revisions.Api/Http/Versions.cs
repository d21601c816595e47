using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Revisions.Api.Http;

/// <summary>Story versions on the wire: ETag "N" on reads, If-Match "N" (or expectedVersion) on writes.</summary>
public static class Versions
{
    public static string ETag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void SetETag(HttpContext context, int version) =>
        context.Response.Headers[HeaderNames.ETag] = ETag(version);

    /// <summary>
    /// The version the client edited, from If-Match or the body. Null with no problem means neither was given.
    /// </summary>
    public static bool TryGetExpected(HttpContext context, int? fromBody, out int? expected, out ProblemHttpResult? problem)
    {
        expected = fromBody;
        problem = null;
        var header = context.Request.Headers[HeaderNames.IfMatch].ToString().Trim();
        if (header.Length > 0)
        {
            if (!TryParseTag(header, out var fromHeader))
            {
                problem = Problems.BadRequest("If-Match is not a story version", "Send the ETag you read, for example If-Match: \"3\".");
                return false;
            }
            if (fromBody is not null && fromBody != fromHeader)
            {
                problem = Problems.BadRequest("Two different versions were given", $"If-Match says {fromHeader} but expectedVersion says {fromBody}.");
                return false;
            }
            expected = fromHeader;
        }
        if (expected is < 1)
        {
            problem = Problems.BadRequest("Versions start at 1", "expectedVersion must be a positive number.");
            return false;
        }
        return true;
    }

    /// <summary>True when If-None-Match names the current version, so a 304 can be answered.</summary>
    public static bool NotModified(HttpContext context, int version)
    {
        var header = context.Request.Headers[HeaderNames.IfNoneMatch].ToString();
        if (header.Length == 0) return false;
        return header.Split(',').Any(tag => tag.Trim() == "*" || (TryParseTag(tag.Trim(), out var v) && v == version));
    }

    private static bool TryParseTag(string tag, out int version)
    {
        if (tag.StartsWith("W/", StringComparison.Ordinal)) tag = tag[2..];
        tag = tag.Trim('"');
        return int.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }
}
