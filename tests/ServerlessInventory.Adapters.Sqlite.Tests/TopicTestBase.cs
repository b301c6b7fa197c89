using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ServerlessInventory.Core.Domain;
using Shouldly;
using Xunit;
using static ServerlessInventory.Testing.EventFactory;

namespace ServerlessInventory.Adapters.Sqlite.Tests;

/// <summary>
/// The local topic against a real SQLite file, with a fake clock moved by hand for locks, redelivery delays and the
/// duplicate detection window. "Receivers" are simply callers of the topic holding the sessions they accepted.
/// Each test gets a fresh file, clock and options.
/// </summary>
public abstract class TopicTestBase : IDisposable
{
    private protected readonly TempDatabase _file = new();
    private protected readonly SqliteDatabase _database;
    private protected readonly FakeTimeProvider _time = new(Epoch);
    private protected readonly LocalTopicOptions _options = new();

    protected TopicTestBase() => _database = _file.Open();

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _database.Dispose();
        _file.Dispose();
        GC.SuppressFinalize(this);
    }

    private protected SqliteEventTopic Topic(SqliteDatabase? database = null) => new(database ?? _database, _time, Options.Create(_options));

    /// <summary>Accepts sessions until it gets <paramref name="sku"/>'s, releasing the others untouched.</summary>
    private protected static async Task<TopicSession> AcceptSessionOf(SqliteEventTopic topic, Sku sku, int maxMessages)
    {
        var others = new List<TopicSession>();
        try
        {
            while (await topic.AcceptNextSessionAsync(maxMessages, Cancellation) is { } session)
            {
                if (session.SessionId == sku.Value)
                {
                    return session;
                }
                others.Add(session);
            }
            throw new ShouldAssertException($"no session of {sku} was deliverable");
        }
        finally
        {
            foreach (var other in others)
            {
                await topic.ReleaseAsync(other, Cancellation);
            }
        }
    }
}
