namespace Switchyard.Storage;

/// <summary>
/// An exclusive lock on a file, held by this process until disposed and released by the operating system when the
/// process ends however it ends: .NET takes an advisory lock (flock on Linux) for <see cref="FileShare.None"/>.
/// </summary>
internal sealed class MigrationFileLock : IAsyncDisposable
{
    // Start-up waits for another instance's migration; a migration of this schema takes well under a second, and a
    // loaded machine gets room.
    static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    readonly FileStream _stream;

    MigrationFileLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock on <paramref name="path"/>, waiting while another process holds it.</summary>
    public static async Task<MigrationFileLock> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return new MigrationFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Held by another process starting on the same database: it finishes its migration and lets go.
                await Task.Delay(Pause, cancellationToken);
            }
            catch (IOException exception)
            {
                throw new IOException($"Another process has held {path} for {Patience.TotalMinutes} minutes while migrating the database; stop it or delete the file if no process uses the database.", exception);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
