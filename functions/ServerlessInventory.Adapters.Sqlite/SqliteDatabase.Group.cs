using Microsoft.Data.Sqlite;

namespace ServerlessInventory.Adapters.Sqlite;

public sealed partial class SqliteDatabase
{
    // Bounds how long one group holds the file's write lock, so readers of other processes and a backlog's
    // first callers are not kept waiting behind an arbitrarily long transaction.
    private const int MaxGroup = 128;

    private readonly Lock _queueLock = new();
    private readonly Queue<QueuedWrite> _queued = new();
    private bool _draining;

    /// <summary>
    /// Runs <paramref name="work"/> like <see cref="WriteAsync{T}"/>, but writes that arrive while another is under way
    /// are queued and the next turn of the writer runs all of them in one immediate transaction (group commit): one
    /// commit, one WAL sync, for many callers. Each runs in a savepoint of its own, so one that throws is rolled back
    /// alone and only its caller sees the exception; each caller is answered once the transaction has committed. A
    /// write that finds nothing under way starts at once. <paramref name="work"/> must decide on what it reads inside
    /// the transaction, since earlier writes of its group are visible to it.
    /// </summary>
    public Task<T> WriteGroupedAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        // Once queued a write is not withdrawn: a caller that gave up must not leave the others' group guessing.
        cancellationToken.ThrowIfCancellationRequested();
        var write = new QueuedWrite<T>(work);
        bool lead;
        lock (_queueLock)
        {
            _queued.Enqueue(write);
            lead = !_draining;
            _draining = true;
        }
        return lead ? LeadAsync(write) : write.Answer;
    }

    // The caller that finds the writer idle runs the first group on its own thread and returns its own answer
    // without a thread hop; groups that queued meanwhile are drained on the thread pool, not on its time.
    private async Task<T> LeadAsync<T>(QueuedWrite<T> write)
    {
        await RunGroupAsync(TakeGroup()!).ConfigureAwait(false);
        lock (_queueLock)
        {
            if (_queued.Count == 0)
            {
                _draining = false;
            }
            else
            {
                _ = Task.Run(DrainAsync);
            }
        }
        return await write.Answer.ConfigureAwait(false);
    }

    private async Task DrainAsync()
    {
        while (TakeGroup() is { } group)
        {
            await RunGroupAsync(group).ConfigureAwait(false);
        }
    }

    private async Task RunGroupAsync(List<QueuedWrite> group)
    {
        try
        {
            await WriteAsync((connection, transaction) => RunGroup(connection, transaction, group), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            foreach (var write in group)
            {
                write.Fail(e);
            }
            return;
        }
        foreach (var write in group)
        {
            write.Complete();
        }
    }

    private List<QueuedWrite>? TakeGroup()
    {
        lock (_queueLock)
        {
            if (_queued.Count == 0)
            {
                _draining = false;
                return null;
            }
            var group = new List<QueuedWrite>(Math.Min(_queued.Count, MaxGroup));
            while (group.Count < MaxGroup && _queued.TryDequeue(out var write))
            {
                group.Add(write);
            }
            return group;
        }
    }

    private static bool RunGroup(SqliteConnection connection, SqliteTransaction transaction, List<QueuedWrite> group)
    {
        if (group.Count == 1)
        {
            // Alone, a failure rolls back the whole transaction: no savepoint needed.
            group[0].Run(connection, transaction);
            return true;
        }
        foreach (var write in group)
        {
            transaction.Save("grouped");
            try
            {
                write.Run(connection, transaction);
                transaction.Release("grouped");
            }
            catch (Exception e) when (e is not SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_FULL or SQLitePCL.raw.SQLITE_IOERR or SQLitePCL.raw.SQLITE_CORRUPT })
            {
                transaction.Rollback("grouped");
                transaction.Release("grouped");
                write.Refuse(e);
            }
        }
        return true;
    }

    private abstract class QueuedWrite
    {
        public abstract void Run(SqliteConnection connection, SqliteTransaction transaction);

        /// <summary>This write alone failed; it is answered with <paramref name="error"/> after the group commits.</summary>
        public abstract void Refuse(Exception error);

        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    private sealed class QueuedWrite<T>(Func<SqliteConnection, SqliteTransaction, T> work) : QueuedWrite
    {
        private readonly TaskCompletionSource<T> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _refusal;

        public Task<T> Answer => _answer.Task;

        public override void Run(SqliteConnection connection, SqliteTransaction transaction) => _result = work(connection, transaction);

        public override void Refuse(Exception error) => _refusal = error;

        public override void Complete()
        {
            if (_refusal is null)
            {
                _answer.TrySetResult(_result!);
            }
            else
            {
                _answer.TrySetException(_refusal);
            }
        }

        public override void Fail(Exception error) => _answer.TrySetException(error);
    }
}
