namespace Switchyard.Testing;

/// <summary>
/// A SQLite file of its own for each test host that runs the dispatcher, unless the test chose one: hosts that share a
/// file would share their subscriptions.
/// </summary>
public sealed class TestStorage : IDisposable
{
    /// <summary>The dispatcher's connection-string key.</summary>
    public const string ConnectionStringKey = "Dispatcher:Storage:ConnectionString";

    static readonly string Directory = Path.Combine(Path.GetTempPath(), "switchyard-tests");

    readonly string? _file;

    TestStorage(string? file) => _file = file;

    /// <summary>Settings for a new, empty database file.</summary>
    public IReadOnlyDictionary<string, string?> Settings =>
        _file is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { [ConnectionStringKey] = $"Data Source={_file}" };

    /// <summary>A fresh file, or none when <paramref name="settings"/> already name the storage.</summary>
    public static TestStorage For(IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        if (settings?.Any(s => s.Key == ConnectionStringKey || s.Key == "Dispatcher:Storage:Provider") == true)
            return new TestStorage(null);
        System.IO.Directory.CreateDirectory(Directory);
        return new TestStorage(Path.Combine(Directory, $"{Guid.NewGuid():N}.db"));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_file is null)
            return;
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_file + suffix);
    }
}
