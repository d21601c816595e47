using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using Revisions.Api.ReadModels;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Api.Tests.ReadModels;

/// <summary>
/// Every document Revisions stores is in the one catalogue, with a rule for erasing a story's text from it:
/// a document kept anywhere else would escape an erasure (a legal risk), so this fails the day one is added.
/// </summary>
public class when_cataloguing_what_is_stored(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public void every_stored_document_is_catalogued_with_an_erase_rule()
    {
        var stored = api.Store.Options.AllKnownDocumentTypes().Select(d => d.DocumentType).ToHashSet();
        var catalogued = Catalogue.All.Select(m => m.Document).ToHashSet();

        stored.Except(catalogued).ShouldBeEmpty("documents stored but not in ReadModels/Catalogue.cs");
        Catalogue.All.ShouldAllBe(m => m.Erase != null);
        Catalogue.All.Select(m => m.Document).ShouldBeUnique();
    }

    [Fact]
    public void every_projection_the_store_runs_is_catalogued()
    {
        var running = ((StoreOptions)api.Store.Options).Projections.All.Select(p => p.Name).Order();
        // Marten names an aggregation after its document and any other projection after its type.
        running.ShouldBe(Catalogue.All.Where(m => m.Projection is not null)
            .Select(m => m.Projection is IProjectionSource<IDocumentOperations, IQuerySession> source ? source.Name : m.Projection!.GetType().Name).Order());
    }

    [Fact]
    public async Task the_database_matches_the_catalogue_after_start_up_so_nothing_is_migrated_again()
    {
        // Tables of Revisions' own (the search index with its generated vector) are checked with Marten's.
        await api.Store.Storage.Database.AssertDatabaseMatchesConfigurationAsync();
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        foreach (var model in Catalogue.All.Where(m => m.Table is not null))
        {
            var table = Catalogue.TableOf(model, api.Store.Options);
            await using var command = new NpgsqlCommand("select to_regclass(@name) is not null", connection);
            command.Parameters.AddWithValue("name", table.QualifiedName);
            ((bool)(await command.ExecuteScalarAsync())!).ShouldBeTrue(table.QualifiedName);
        }
    }

    [Fact]
    public async Task each_erase_rule_names_a_column_its_table_has()
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        foreach (var model in Catalogue.All)
        {
            if (model.Erase is not EraseRule.MaskRows rows) continue;
            var table = api.Store.Options.FindOrResolveDocumentType(model.Document).TableName;
            await using var command = new NpgsqlCommand(
                "select count(*) from information_schema.columns where table_schema = @schema and table_name = @table and column_name = @column", connection);
            command.Parameters.AddWithValue("schema", table.Schema);
            command.Parameters.AddWithValue("table", table.Name);
            command.Parameters.AddWithValue("column", rows.Column);
            ((long)(await command.ExecuteScalarAsync())!).ShouldBe(1, $"{table.QualifiedName}.{rows.Column}");
        }
    }
}
