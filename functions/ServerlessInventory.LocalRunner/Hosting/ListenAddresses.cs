using System.Net;

namespace ServerlessInventory.LocalRunner.Hosting;

/// <summary>
/// The addresses Kestrel will bind, read from the same settings it reads (<c>Kestrel:Endpoints:*:Url</c>, <c>urls</c>
/// from <c>Urls</c> / <c>ASPNETCORE_URLS</c> / <c>--urls</c>, then <c>http_ports</c> / <c>https_ports</c>), so the runner
/// can decide before it binds anything whether a caller from another machine could reach it.
/// </summary>
public static class ListenAddresses
{
    public static IReadOnlyList<string> Configured(IConfiguration configuration)
    {
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(endpoint => endpoint["Url"])
            .OfType<string>();
        var urls = (configuration["urls"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        List<string> addresses = [.. endpoints, .. urls];
        if (addresses.Count == 0)
        {
            // Ports alone bind every interface, as Kestrel does with them.
            addresses.AddRange(Ports(configuration["http_ports"], "http"));
            addresses.AddRange(Ports(configuration["https_ports"], "https"));
        }
        return addresses;
    }

    /// <summary>
    /// True when only this machine can connect: <c>localhost</c>, a loopback IP, or a Unix socket or named pipe.
    /// Anything else (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>, a host name, a LAN address) is reachable from outside.
    /// </summary>
    public static bool IsLoopback(string address)
    {
        BindingAddress parsed;
        try
        {
            parsed = BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return false;
        }
        if (parsed.IsUnixPipe || parsed.IsNamedPipe)
        {
            return true;
        }
        var host = parsed.Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    private static IEnumerable<string> Ports(string? ports, string scheme) =>
        (ports ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(port => $"{scheme}://*:{port}");
}
