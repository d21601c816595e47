using System.Globalization;
using Revisions.Api.Http;

namespace Revisions.Api.Desk.Legal;

/// <summary>
/// A moment a lawyer picked: the date and time as typed in the picker (no zone), the browser's offset from UTC
/// in minutes and the zone's name (filled in by moment.js), and the instant they make, which is what the desk
/// uses and links to. <c>asOf</c>, an instant in UTC, stands for all three in a link.
/// </summary>
public sealed record PickedMoment(string? Local, int? Offset, string? Zone, DateTimeOffset? Utc)
{
    public static readonly PickedMoment Now = new(null, null, null, null);

    /// <summary>The instant in the form the API's <c>asOf</c> takes.</summary>
    public string? AsOf => Utc?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    /// <summary>The offset as people write it: UTC+02:00.</summary>
    public string OffsetText => Offset is { } m ? $"UTC{(m < 0 ? "−" : "+")}{Math.Abs(m) / 60:00}:{Math.Abs(m) % 60:00}" : "UTC";

    /// <summary>What was picked, or why it cannot be read.</summary>
    public static (PickedMoment Moment, string? Error) Read(string? asOf, string? at, string? offset, string? zone)
    {
        if (!string.IsNullOrEmpty(asOf))
        {
            return Instants.TryParse(asOf, out var instant)
                ? (new PickedMoment(instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), 0, "UTC", instant.ToUniversalTime()), null)
                : (Now, "The moment is an instant in UTC: 2026-05-16T14:05:00Z.");
        }
        if (string.IsNullOrEmpty(at)) return (Now, null);

        var name = string.IsNullOrWhiteSpace(zone) || zone.Length > 64 || zone.Any(char.IsControl) ? null : zone.Trim();
        int? minutes = null;
        if (!string.IsNullOrEmpty(offset))
        {
            if (!int.TryParse(offset, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var m) || Math.Abs(m) > 18 * 60)
                return (new PickedMoment(at, null, name, null), "The time zone's offset is a number of minutes east of UTC, at most 18 hours.");
            minutes = m;
        }
        if (!DateTime.TryParseExact(at, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var local))
            return (new PickedMoment(at, minutes, name, null), "Pick a date and time, such as 2026-05-16T14:05.");
        var instantThere = new DateTimeOffset(local, TimeSpan.FromMinutes(minutes ?? 0));
        return (new PickedMoment(at, minutes, minutes is null ? "UTC" : name, instantThere.ToUniversalTime()), null);
    }
}
