using System.Diagnostics;

namespace ServerlessInventory.Benchmarks;

/// <summary>
/// Peak memory of one scenario. The OS's own peak (<see cref="Process.PeakWorkingSet64"/>, VmHWM on Linux)
/// covers the whole process life and cannot be reset between scenarios, so the working set and the GC heap
/// are sampled instead, on a dedicated thread so that a busy thread pool cannot skip samples.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private static readonly TimeSpan _interval = TimeSpan.FromMilliseconds(20);

    private readonly Thread _thread;
    private readonly long _allocatedAtStart;
    private volatile bool _stopping;
    private long _peakWorkingSet;
    private long _peakHeap;

    private MemorySampler()
    {
        _allocatedAtStart = GC.GetTotalAllocatedBytes(precise: true);
        Sample();
        _thread = new Thread(Run) { IsBackground = true, Name = "memory sampler" };
        _thread.Start();
    }

    /// <summary>Starts sampling after a full collection, so that garbage of an earlier scenario is not counted.</summary>
    public static MemorySampler Start()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return new MemorySampler();
    }

    public MemoryResult Stop()
    {
        _stopping = true;
        _thread.Join();
        Sample();
        return new MemoryResult(_peakWorkingSet, _peakHeap, GC.GetTotalAllocatedBytes(precise: true) - _allocatedAtStart);
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
    }

    private void Run()
    {
        while (!_stopping)
        {
            Sample();
            Thread.Sleep(_interval);
        }
    }

    private void Sample()
    {
        _peakWorkingSet = Math.Max(_peakWorkingSet, Environment.WorkingSet);
        _peakHeap = Math.Max(_peakHeap, GC.GetTotalMemory(forceFullCollection: false));
    }
}

/// <summary>Sampled peaks of the working set and of the managed heap, and bytes allocated, during one run.</summary>
internal readonly record struct MemoryResult(long PeakWorkingSet, long PeakHeap, long Allocated);
