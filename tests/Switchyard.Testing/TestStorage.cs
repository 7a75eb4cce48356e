namespace Switchyard.Testing;

/// <summary>
/// SQLite files of their own for each test host that runs the dispatcher or the processor, unless the test chose its
/// storage: hosts that share a file would share their subscriptions, or their Partner Central write budget.
/// </summary>
public sealed class TestStorage : IDisposable
{
    /// <summary>The dispatcher's connection-string key.</summary>
    public const string ConnectionStringKey = "Dispatcher:Storage:ConnectionString";

    /// <summary>The processor's connection-string key.</summary>
    public const string ProcessorConnectionStringKey = "Processor:Storage:ConnectionString";

    static readonly string Directory = Path.Combine(Path.GetTempPath(), "switchyard-tests");

    readonly Dictionary<string, string> _files;

    TestStorage(Dictionary<string, string> files) => _files = files;

    /// <summary>Settings for new, empty database files.</summary>
    public IReadOnlyDictionary<string, string?> Settings =>
        _files.ToDictionary(f => f.Key, f => (string?)$"Data Source={f.Value}");

    /// <summary>A fresh file for each service whose storage <paramref name="settings"/> do not name already.</summary>
    public static TestStorage For(IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        var named = settings?.Select(s => s.Key).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        var files = new Dictionary<string, string>();
        foreach (var (connectionString, provider) in new[]
                 {
                     (ConnectionStringKey, "Dispatcher:Storage:Provider"),
                     (ProcessorConnectionStringKey, "Processor:Storage:Provider"),
                 })
        {
            if (named.Contains(connectionString) || named.Contains(provider))
                continue;
            System.IO.Directory.CreateDirectory(Directory);
            files[connectionString] = Path.Combine(Directory, $"{Guid.NewGuid():N}.db");
        }

        return new TestStorage(files);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var file in _files.Values)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(file + suffix);
        }
    }
}
