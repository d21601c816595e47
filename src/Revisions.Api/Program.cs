using JasperFx;
using Revisions.Api.Desk;
using Revisions.Api.Hosting;
using Revisions.Api.Http;
using Revisions.Api.Public;
using Scalar.AspNetCore;
using Wolverine;
using Wolverine.Http;

var builder = WebApplication.CreateBuilder(args);

builder.UseRevisionsDatabase();                                  // Hosting/Database.cs: configured or private PostgreSQL
builder.Services.AddRevisionsEventStore(builder.Configuration);  // Hosting/EventStore.cs: events and projections
builder.Services.AddRevisionsWeb(builder.Configuration);         // Hosting/Web.cs: JSON, errors, limits, OpenAPI
builder.Services.AddReaderPages();                               // Public/: story pages, changes, live updates
builder.Services.AddLiveUpdatesAcrossNodes();                    // Public/LiveUpdatesAcrossNodes.cs: LISTEN/NOTIFY between nodes
builder.Services.AddRevisionsIntegrity(builder.Configuration);   // Hosting/Integrity.cs: signing key, checkpoints
builder.Services.AddRevisionsIdempotency();                      // Hosting/IdempotencyKeys.cs: Idempotency-Key records
builder.Services.AddRevisionsHealth();                           // Hosting/Health.cs: live and ready
builder.Services.AddRevisionsWatch(builder.Configuration);        // Hosting/Watching.cs: feeds and pages watched elsewhere
builder.AddRevisionsSecurity();                                  // Hosting/Security.cs: tokens, the roles of each policy, rate limits
builder.AddRevisionsDesk();                                      // Desk/Desk.cs: the newsroom desk, its sign-in and forms
builder.AddRevisionsTelemetry();                                 // Hosting/Telemetry.cs: OpenTelemetry, JSON logs
builder.Services.AddHostedService<StopWithDotnetParent>();       // Hosting/StopWithDotnetParent.cs: stop when `dotnet run` is gone
builder.Host.UseWolverine(opts =>
{
    opts.UseRuntimeCompilation();
    opts.Discovery.IncludeAssembly(typeof(Program).Assembly);
});
builder.Services.AddWolverineHttp();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusProblems();                                         // Http/StatusProblems.cs: the framework's own refusals as problem details
app.UseDeskAssets();                                             // Desk/DeskAssets.cs: the desk's stylesheet and script
app.UseRevisionsSecurity();
app.UseAntiforgery();                                            // the desk's forms (Desk/Desk.cs)
app.UseCanonicalSlugs();                                         // Public/CanonicalSlugs.cs: one spelling of each story URL
app.UseOutputCache();                                            // Public/ReaderPageCache.cs: story pages until a commit
app.MapOpenApi("/openapi/{documentName:regex(^v1$)}.json");      // the one document; any other name is a plain 404
app.MapScalarApiReference("/docs", o => o.WithTitle("Revisions API"));
app.MapRevisionsHealth();
app.MapRevisionsDesk();
app.MapWolverineEndpoints(o =>
{
    o.MapConcurrencyFailuresToConflict();
    o.RejectUnparseableQueryValues = true;
    o.RejectUnparseableHeaderValues = true;
    o.DescribeProblems();                                        // Http/ApiContract.cs: the problems each operation may answer
    o.AddPolicy<RequestBodies>();                                // Http/RequestBodies.cs: a body of null is refused before Validate
});
app.Lifetime.ApplicationStarted.Register(() =>
    Console.WriteLine($"Revisions is running. API docs: {app.Urls.FirstOrDefault()}/docs"));

return await app.RunJasperFxCommands(args);

public partial class Program;
