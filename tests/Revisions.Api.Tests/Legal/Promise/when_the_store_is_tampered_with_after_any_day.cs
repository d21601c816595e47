using System.Net;
using System.Text.Json;
using CsCheck;
using Npgsql;
using Revisions.Api.Evidence;
using Revisions.Api.Http;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Api.Tests.Legal.Promise;

public enum Tamper { ChangeEvent, DeleteEvent, InsertEvent, DeleteLink, DeleteLastEvent }

/// <summary>
/// After any day, someone with access to the database changes, deletes or inserts an event row, deletes a chain
/// link, or deletes a story's last event and its link, in one or two stories: verification names every story
/// they touched, at the version where its history stops holding, and no other.
/// </summary>
public class when_the_store_is_tampered_with_after_any_day
{
    private static int Samples => int.TryParse(Environment.GetEnvironmentVariable("REVISIONS_TAMPER_DAYS"), out var n) ? n : 4;

    private static readonly Gen<(Tamper Kind, int Story, int Version)> OneTamper =
        Gen.Select(Gen.Enum<Tamper>(), Gen.Int[0, 9], Gen.Int[0, 99]);

    private static int _day;

    [Fact]
    public Task every_tampered_story_is_named_at_the_version_where_it_breaks() =>
        Gen.Select(Step.Day, OneTamper.Array[1, 2]).SampleAsync(async (steps, tampers) =>
        {
            // Tampering is for good: every day gets a database of its own.
            var api = new ApiFixture();
            await api.InitializeAsync();
            try
            {
                var day = new Newsday(api, "t" + string.Concat(Interlocked.Increment(ref _day).ToString().Select(d => (char)('a' + d - '0'))));
                await day.RunAsync([.. steps.Where(s => s.Act is not (Act.Hold or Act.Release))]);
                var expected = new HashSet<(Guid, long)>();
                var touched = new HashSet<Guid>();
                foreach (var (kind, index, at) in tampers)
                {
                    var story = day.Stories[index % day.Stories.Count];
                    if (!touched.Add(story.Id)) continue;
                    expected.Add((story.Id, await TamperAsync(api.ConnectionString, kind, story.Id, story.Version, 1 + at % story.Version)));
                }

                var report = await Newsroom.As(api.Host.Server.CreateClient(), Roles.Admin).Get<JsonElement>("/api/integrity/verify");
                report.Status.ShouldBe(HttpStatusCode.OK);
                report.Body.GetProperty("ok").GetBoolean().ShouldBeFalse();
                report.Body.GetProperty("broken").EnumerateArray()
                    .Select(b => (b.GetProperty("storyId").GetGuid(), b.GetProperty("version").GetInt64()))
                    .ToHashSet().ShouldBe(expected, ignoreOrder: true, $"{report.Body}");
            }
            finally
            {
                await api.DisposeAsync();
            }
        }, iter: Samples, threads: 1);

    /// <summary>Does the damage and returns the version where the story's history stops holding.</summary>
    private static async Task<long> TamperAsync(string connectionString, Tamper kind, Guid story, long last, long version)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task Sql(string sql, long at)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("id", story);
            command.Parameters.AddWithValue("version", at);
            command.Parameters.AddWithValue("key", ChainLink.Key(story, at));
            (await command.ExecuteNonQueryAsync()).ShouldBe(1, $"{kind} at version {at}");
        }
        switch (kind)
        {
            case Tamper.ChangeEvent:
                await Sql("update revisions.mt_events set data = jsonb_set(data, '{editor}', '\"Mallory\"') where stream_id = @id and version = @version", version);
                return version;
            case Tamper.DeleteEvent:
                await Sql("delete from revisions.mt_events where stream_id = @id and version = @version", version);
                return version;
            case Tamper.DeleteLink:
                await Sql("delete from revisions.mt_doc_chainlink where id = @key", version);
                return version;
            case Tamper.InsertEvent:
                await Sql("""
                    insert into revisions.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived)
                    select nextval('revisions.mt_events_sequence'), gen_random_uuid(), stream_id, version + 1, data, type, timestamp + interval '1 minute',
                           tenant_id, mt_dotnet_type, is_archived
                    from revisions.mt_events where stream_id = @id and version = @version
                    """, last);
                return last + 1;
            default:
                await Sql("delete from revisions.mt_events where stream_id = @id and version = @version", last);
                await Sql("delete from revisions.mt_doc_chainlink where id = @key", last);
                return last;
        }
    }
}
