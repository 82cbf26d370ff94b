using System.Net;
using System.Net.Sockets;

namespace MemWorkflow.Functions.Tests.Deployment;

/// <summary>A loopback TCP relay in front of one Azurite service that holds every connection until a
/// set moment: storage that is slow to answer at start-up, so a test can see what the app does meanwhile.</summary>
public sealed class HeldStorage : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly int target;
    private readonly Task accepting;

    public HeldStorage(int targetPort, TimeSpan holdFor)
    {
        target = targetPort;
        ReleasedAt = DateTimeOffset.UtcNow + holdFor;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>No byte reaches storage before this moment.</summary>
    public DateTimeOffset ReleasedAt { get; }

    private async Task AcceptAsync()
    {
        try
        {
            while (!stopping.IsCancellationRequested)
                _ = RelayAsync(await listener.AcceptTcpClientAsync(stopping.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                var wait = ReleasedAt - DateTimeOffset.UtcNow;
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, stopping.Token);
                await upstream.ConnectAsync(IPAddress.Loopback, target, stopping.Token);
                var (down, up) = (client.GetStream(), upstream.GetStream());
                await Task.WhenAny(down.CopyToAsync(up, stopping.Token), up.CopyToAsync(down, stopping.Token));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        stopping.Dispose();
    }
}
