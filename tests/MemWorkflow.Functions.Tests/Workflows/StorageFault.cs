using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace MemWorkflow.Functions.Tests.Workflows;

/// <summary>Makes the app's storage refuse every request whose address names <see cref="Target"/> (a row
/// key such as <c>state|MEX</c>) with a 503, while <see cref="Enabled"/>: an activity that reads that row
/// fails the way it would during a storage incident, and every other request goes through.</summary>
public sealed class StorageFault(string target) : HttpPipelinePolicy
{
    public string Target { get; } = target;

    public volatile bool Enabled;

    public int Refused;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Refuse(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Refuse(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Refuse(HttpMessage message)
    {
        var uri = Uri.UnescapeDataString(message.Request.Uri.ToString());
        if (!Enabled || !uri.Contains(Target, StringComparison.Ordinal))
            return;
        Interlocked.Increment(ref Refused);
        throw new RequestFailedException(503, $"Injected storage fault on {Target}");
    }
}
