using System.Net;
using System.Net.Sockets;

namespace ServerlessInventory.Testing.Emulators;

/// <summary>Free ports on 127.0.0.1 for emulators that cannot be told to pick one themselves.</summary>
public static class LoopbackPorts
{
    /// <summary>A port nothing listens on right now; the caller binds it at once, so a clash is unlikely and fails loudly.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
