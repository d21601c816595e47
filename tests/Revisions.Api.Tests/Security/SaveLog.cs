using System.Text.RegularExpressions;
using Npgsql;

namespace Revisions.Api.Tests.Security;

/// <summary>
/// What a story's event stream holds, read straight from PostgreSQL: its versions and how often each save's
/// marker (a unique word put in the saved text) occurs, to prove a save was kept exactly once.
/// </summary>
public sealed record SaveLog(IReadOnlyList<long> Versions, IReadOnlyDictionary<string, int> Markers)
{
    public static async Task<SaveLog> ReadAsync(string connectionString, Guid storyId, string markerPattern)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select version, data::text from revisions.mt_events where stream_id = @id order by version", connection);
        command.Parameters.AddWithValue("id", storyId);
        var versions = new List<long>();
        var markers = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt64(0));
            // One save puts its marker in one event once; count per event so a repeat shows as 2.
            foreach (var marker in Regex.Matches(reader.GetString(1), markerPattern).Select(m => m.Value).Distinct())
                markers[marker] = markers.GetValueOrDefault(marker) + 1;
        }
        return new SaveLog(versions, markers);
    }

    public bool VersionsAreDense => Versions.Select((v, i) => v == i + 1).All(x => x);
}
