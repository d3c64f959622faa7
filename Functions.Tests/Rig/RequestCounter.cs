using Azure.Core;
using Azure.Core.Pipeline;

namespace Klaxon.Tests.Rig;

/// <summary>Counts the storage requests a client sends (each one is a billed storage transaction).</summary>
public sealed class RequestCounter : HttpPipelinePolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _count);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _count);
        return ProcessNextAsync(message, pipeline);
    }
}
