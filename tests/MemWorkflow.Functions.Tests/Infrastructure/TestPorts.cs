using System.Net;
using System.Net.Sockets;

namespace MemWorkflow.Functions.Tests.Infrastructure;

public static class TestPorts
{
    /// <summary>A loopback port nobody listens on now, for an app whose address must be known before it starts.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
