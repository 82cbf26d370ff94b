using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace MemWorkflow.Functions.Tests.Infrastructure;

/// <summary>Loses the response of one chosen table transaction after storage carried it out, as a dropped
/// connection would. Then either the Azure SDK's retry sends the same transaction again (what its retry
/// policy does after an IOException; the app sees the retry's answer), or the app sees the IOException
/// (its client then answers 503 and repeats the request). Armed for the next <c>$batch</c> whose body
/// contains a given text, e.g. a row key, so the workflows' own writes are not hit by chance.</summary>
public sealed class LostResponse : HttpPipelinePolicy
{
    private Armed? armed;

    /// <summary>How many responses were lost so far.</summary>
    public int Lost => Volatile.Read(ref lost);

    private int lost;

    public void Arm(string bodyContains, bool sdkRetries) => Volatile.Write(ref armed, new Armed(bodyContains, sdkRetries));

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: false).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: true);

    private async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        var target = Volatile.Read(ref armed);
        if (target is null || !Matches(message, target.BodyContains) || Interlocked.CompareExchange(ref armed, null, target) != target)
        {
            await Next(message, pipeline, async);
            return;
        }
        await Next(message, pipeline, async);
        if (message.Response.Status != 202)
            return;
        Interlocked.Increment(ref lost);
        if (!target.SdkRetries)
            throw new IOException("Simulated: the connection dropped after storage committed the transaction.");
        await Next(message, pipeline, async);
    }

    private static async ValueTask Next(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        if (async)
            await ProcessNextAsync(message, pipeline);
        else
            ProcessNext(message, pipeline);
    }

    private static bool Matches(HttpMessage message, string text)
    {
        if (message.Request.Method != RequestMethod.Post || !message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) || message.Request.Content is null)
            return false;
        using var body = new MemoryStream();
        message.Request.Content.WriteTo(body, CancellationToken.None);
        return Encoding.UTF8.GetString(body.ToArray()).Contains(text, StringComparison.Ordinal);
    }

    private sealed record Armed(string BodyContains, bool SdkRetries);
}
