using Azure.Core;
using Azure.Core.Pipeline;

namespace MemWorkflow.Functions.Tests.Infrastructure;

/// <summary>Storage as a process that died looks to the code that was writing: the requests <see cref="When"/> picks
/// fail with an IOException before they are sent. Added to the app's storage clients as an HttpPipelinePolicy.</summary>
public sealed class StorageCrash : HttpPipelineSynchronousPolicy
{
    private Func<HttpMessage, bool>? when;

    public Func<HttpMessage, bool>? When
    {
        get => Volatile.Read(ref when);
        set => Volatile.Write(ref when, value);
    }

    /// <summary>Every write after the next <paramref name="writes"/>.</summary>
    public void AfterWrites(int writes)
    {
        var remaining = writes;
        When = message => message.Request.Method != RequestMethod.Get && Interlocked.Decrement(ref remaining) < 0;
    }

    /// <summary>Every write whose body contains <paramref name="marker"/> (an event's name, say).</summary>
    public void WritesContaining(string marker) =>
        When = message => message.Request.Method != RequestMethod.Get && Body(message).Contains(marker, StringComparison.Ordinal);

    public void Heal() => When = null;

    public static string Body(HttpMessage message)
    {
        using var body = new MemoryStream();
        message.Request.Content?.WriteTo(body, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(body.ToArray());
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        if (When is { } crashes && crashes(message))
            throw new IOException("Simulated crash: the process died here.");
    }
}
