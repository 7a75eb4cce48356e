using System.Net;
using System.Net.Sockets;

namespace Switchyard.Testing;

/// <summary>
/// A loopback TCP proxy in front of a real server that a test can cut (every connection dropped, new ones refused
/// at once) and restore: a broker outage for one client, without stopping the broker other tests share. It can also
/// pause (connections stay open, nothing passes) and resume: a broker that does not answer for a while.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly string _targetHost;
    readonly int _targetPort;
    readonly CancellationTokenSource _stopped = new();
    readonly List<TcpClient> _connections = [];
    readonly Lock _lock = new();
    readonly Task _accepting;
    volatile bool _open = true;
    volatile TaskCompletionSource _flowing = Flowing();

    TcpProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The port to connect to instead of the server's.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Starts forwarding loopback connections to <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static TcpProxy Start(string host, int port) => new(host, port);

    /// <summary>Drops every connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _open = false;
        lock (_lock)
        {
            foreach (var connection in _connections)
                connection.Dispose();
            _connections.Clear();
        }
    }

    /// <summary>Forwards new connections again.</summary>
    public void Restore() => _open = true;

    /// <summary>Holds every byte in either direction, connections open, until <see cref="Resume"/>.</summary>
    public void Pause()
    {
        lock (_lock)
        {
            if (_flowing.Task.IsCompleted)
                _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Passes on what was held, and everything after it.</summary>
    public void Resume()
    {
        lock (_lock)
            _flowing.TrySetResult();
    }

    static TaskCompletionSource Flowing()
    {
        var flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        flowing.SetResult();
        return flowing;
    }

    async Task AcceptAsync()
    {
        while (!_stopped.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopped.Token);
            }
            catch (Exception) when (_stopped.IsCancellationRequested)
            {
                return;
            }

            if (!_open)
            {
                client.Dispose();
                continue;
            }

            _ = ForwardAsync(client);
        }
    }

    async Task ForwardAsync(TcpClient client)
    {
        var server = new TcpClient();
        try
        {
            await server.ConnectAsync(_targetHost, _targetPort, _stopped.Token);
            lock (_lock)
            {
                _connections.Add(client);
                _connections.Add(server);
            }

            var up = PumpAsync(client.GetStream(), server.GetStream());
            var down = PumpAsync(server.GetStream(), client.GetStream());
            await Task.WhenAny(up, down);
        }
        catch (Exception)
        {
            // A cut or a stop ends the copy; either way both sides close below.
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
    }

    async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stopped.Token)) > 0)
        {
            await _flowing.Task.WaitAsync(_stopped.Token);
            await to.WriteAsync(buffer.AsMemory(0, read), _stopped.Token);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopped.CancelAsync();
        Resume();
        _listener.Stop();
        Cut();
        await _accepting;
        _stopped.Dispose();
    }
}
