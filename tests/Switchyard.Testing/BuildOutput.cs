using System.Reflection;

namespace Switchyard.Testing;

/// <summary>Where the solution's build put a project's binaries, for tests that run them as users do.</summary>
public static class BuildOutput
{
    /// <summary>The repository's root: the folder holding Solution.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "Solution.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException($"No Solution.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>
    /// A file of a project's build output, e.g. <c>("services/AllInOne", "Switchyard.AllInOne.dll")</c>, in the same
    /// configuration as the tests (what <c>dotnet run</c> would run after the same build).
    /// </summary>
    public static string File(string projectFolder, string fileName)
    {
        var configuration = typeof(BuildOutput).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.Combine(RepositoryRoot(), projectFolder, "bin", configuration, "net10.0", fileName);
        if (!System.IO.File.Exists(path))
            throw new InvalidOperationException($"{path} is missing: build the solution first.");
        return path;
    }
}
