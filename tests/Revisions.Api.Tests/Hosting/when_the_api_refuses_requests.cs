using System.Collections.Concurrent;
using System.Net;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Api.Tests.Public;
using Xunit.Abstractions;

namespace Revisions.Api.Tests.Hosting;

/// <summary>
/// A 409, 400, 404 or 428 is the API doing its job: the log gets nothing above Debug for it and no stack
/// trace. Sixteen editors racing on one story used to write two errors with stack traces per lost save.
/// </summary>
public class when_the_api_refuses_requests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly KeptLogs _logs = new();
    private IAlbaHost _host = null!;
    private Newsroom _newsroom = null!;

    public async Task InitializeAsync()
    {
        var connection = await TestPostgres.CreateDatabaseAsync(nameof(when_the_api_refuses_requests));
        _host = await ApiFixture.StartHostAsync(connection, null, builder => builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(_logs);
            // Everything, whatever appsettings.json says for the console: the test looks at every level.
            logging.AddFilter<KeptLogs>(null, LogLevel.Debug);
        }));
        _newsroom = new Newsroom(_host.Server.CreateClient());
        // What the host says when it starts is not what this test is about.
        _logs.Clear();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task editors_who_lose_a_race_get_409_and_the_log_no_warning_and_no_stack_trace()
    {
        var story = (await _newsroom.Create(Reader.Story("Sixteen editors", "Start."))).Body;
        var version = story.Version;
        // Each round, sixteen editors save on the same version at once: one wins, fifteen get 409, most of them
        // only when their append meets the winner's in the database. Rounds go on until that has happened.
        for (var round = 0; round < 10 && !_logs.Any(e => e.Message.Contains("lost a race")); round++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(e =>
                _newsroom.Revise(story.Slug, Reader.Story("Sixteen editors", $"Round {round}, editor {e}."), version, $"Editor {e:00}")));
            answers.Count(a => a.Status == HttpStatusCode.OK).ShouldBe(1);
            answers.Count(a => a.Status == HttpStatusCode.Conflict).ShouldBe(15);
            version++;
        }

        _logs.ShouldContain(e => e.Message.Contains("lost a race"), "the race reached the database at least once");
        ShouldBeQuiet();
    }

    [Fact]
    public async Task unreadable_bodies_unknown_stories_and_missing_preconditions_log_no_warning_and_no_stack_trace()
    {
        var story = (await _newsroom.Create(Reader.Story("Refused", "Start."))).Body;
        const string body = """{"headline":"A headline","body":[{"type":"paragraph","text":"Words."}]}""";

        (await _newsroom.SendRaw(HttpMethod.Post, "/api/stories", "{\"headline\": ")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _newsroom.SendRaw(HttpMethod.Post, "/api/stories", """{"headline":5,"body":[]}""")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _newsroom.SendRaw(HttpMethod.Post, "/api/stories", "[]")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _newsroom.SendRaw(HttpMethod.Put, $"/api/stories/{story.Id}", body)).StatusCode.ShouldBe((HttpStatusCode)428);
        (await _newsroom.SendRaw(HttpMethod.Put, $"/api/stories/{story.Id}", body, ifMatch: 7)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await _newsroom.SendRaw(HttpMethod.Put, $"/api/stories/{Guid.NewGuid()}", body, ifMatch: 1)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _newsroom.Get("no-such-story")).Status.ShouldBe(HttpStatusCode.NotFound);

        _logs.ShouldContain(e => e.Message.Contains("could not be read"), "the unreadable bodies are still logged, at Debug");
        ShouldBeQuiet();
    }

    private void ShouldBeQuiet()
    {
        foreach (var e in _logs.Where(e => e.Level >= LogLevel.Information)) output.WriteLine($"{e.Level} {e.Category}: {e.Message}");
        _logs.Where(e => e.Level >= LogLevel.Warning).Select(e => $"{e.Level} {e.Category}: {e.Message}").ShouldBeEmpty();
        _logs.Where(e => e.Exception is not null).Select(e => $"{e.Category}: {e.Exception!.GetType().Name}").ShouldBeEmpty();
    }

    /// <summary>Every entry logged, kept in memory.</summary>
    private sealed class KeptLogs : ILoggerProvider, IEnumerable<KeptLogs.Entry>
    {
        public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception);

        private readonly ConcurrentQueue<Entry> _entries = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        /// <summary>Forgets what was logged so far, such as the host's start.</summary>
        public void Clear() => _entries.Clear();

        public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            // None means "do not log", as for every other provider.
            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));
            }
        }
    }
}
