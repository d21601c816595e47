using Marten;
using Npgsql;
using Revisions.Domain.Stories;

namespace Revisions.Api.Legal;

/// <summary>
/// Makes PostgreSQL itself refuse to delete or change the events of a story under legal hold, so even an
/// operator's purge (Marten's tombstoning, or SQL typed by hand) fails while a hold stands. Installed after
/// Marten has created its schema.
/// </summary>
public sealed class HoldGuard(IDocumentStore store) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        // The stories' table as the catalogue registered it (ReadModels/Catalogue.cs).
        var stories = store.Options.FindOrResolveDocumentType(typeof(StoryState)).TableName.QualifiedName;
        var sql = $"""
            create or replace function {schema}.revisions_refuse_held_change() returns trigger language plpgsql as $$
            begin
              if exists (select 1 from {stories} s
                         where s.id = OLD.stream_id and jsonb_array_length(coalesce(s.data->'activeHolds', '[]'::jsonb)) > 0) then
                raise exception 'story % is under legal hold: its events cannot be changed or deleted', OLD.stream_id
                  using errcode = 'P0001';
              end if;
              return case when TG_OP = 'DELETE' then OLD else NEW end;
            end $$;
            drop trigger if exists revisions_legal_hold on {schema}.mt_events;
            create trigger revisions_legal_hold before update or delete on {schema}.mt_events
              for each row execute function {schema}.revisions_refuse_held_change();
            """;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
