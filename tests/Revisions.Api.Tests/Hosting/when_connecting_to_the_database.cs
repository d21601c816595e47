using Npgsql;
using Revisions.Api.Hosting;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Api.Tests.Hosting;

public class when_connecting_to_the_database(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task statements_run_again_and_again_are_prepared_and_still_answer()
    {
        new NpgsqlConnectionStringBuilder(api.Store.Storage.Database.CreateConnection().ConnectionString).MaxAutoPrepare.ShouldBeGreaterThan(0);

        // The same reads many times over one pool: once prepared, they keep answering with fresh data.
        var id = (await api.Newsroom.Create(SeedStory.Version(1))).Body.Id.ToString();
        for (var version = 1; version <= 5; version++)
        {
            var content = SeedStory.Version(version % 2 == 1 ? 1 : 2);
            if (version > 1) await api.Newsroom.Revise(id, content, version - 1);
            (await api.Newsroom.GetVersion(id, version)).Body.Content().ShouldBe(content);
            (await api.Newsroom.Get(id)).Body.Version.ShouldBe(version);
        }
    }

    [Fact]
    public void a_connection_string_that_sets_its_own_preparing_keeps_it()
    {
        // Behind a pooler that cannot hold prepared statements, an operator turns them off.
        const string pooled = "Host=pooler;Database=revisions;Max Auto Prepare=0";
        new NpgsqlConnectionStringBuilder(Database.WithPreparedStatements(pooled)).MaxAutoPrepare.ShouldBe(0);
        new NpgsqlConnectionStringBuilder(Database.WithPreparedStatements("Host=db;Database=revisions")).MaxAutoPrepare.ShouldBe(64);
    }
}
