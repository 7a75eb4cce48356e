using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Switchyard.Hosting.ErrorQueues;
using Switchyard.Operator.Brokers;
using Switchyard.Operator.Failures;
using Switchyard.Operator.Settings;

namespace Switchyard.Operator.Cli;

/// <summary>The command line: parsing, the commands, and one exit code and one line per problem.</summary>
internal sealed class OperatorCli
{
    /// <summary>The installed command's name, also when run with dotnet run or inside tests.</summary>
    public const string ToolName = "switchyard-operator";

    readonly OperatorConsole _console;
    readonly ConnectBroker _connect;
    readonly IReadOnlyDictionary<string, string?> _overrides;

    readonly Option<string?> _settings = new("--settings") { Description = "An appsettings.json to read the Bus section from (e.g. a service's own)", Recursive = true };
    readonly Option<string?> _transport = new("--transport") { Description = "InMemory, RabbitMq or AmazonSqs (Bus:Transport)", Recursive = true };
    readonly Option<string?> _host = new("--host") { Description = "RabbitMQ host (Bus:RabbitMq:Host)", Recursive = true };
    readonly Option<int?> _port = new("--port") { Description = "RabbitMQ AMQP port (Bus:RabbitMq:Port)", Recursive = true };
    readonly Option<string?> _virtualHost = new("--vhost") { Description = "RabbitMQ virtual host (Bus:RabbitMq:VirtualHost)", Recursive = true };
    readonly Option<string?> _user = new("--user") { Description = "RabbitMQ user (Bus:RabbitMq:Username); the password comes from Bus__RabbitMq__Password or the settings", Recursive = true };
    readonly Option<string?> _managementUrl = new("--management-url") { Description = "RabbitMQ management API (Operator:RabbitMq:ManagementUrl), default http://<host>:15672/", Recursive = true };
    readonly Option<string?> _url = new("--url") { Description = "The in-memory host's address (Operator:Url), default http://localhost:5080", Recursive = true };

    OperatorCli(OperatorConsole console, ConnectBroker connect, IReadOnlyDictionary<string, string?> overrides)
    {
        _console = console;
        _connect = connect;
        _overrides = overrides;
    }

    /// <summary>Runs the tool; the result is the process's exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">The command line.</param>
    /// <param name="console">Where to write and read.</param>
    /// <param name="connect">Opens the broker; by default the one the configuration names.</param>
    /// <param name="settings">Settings over everything else (tests point the history file elsewhere with it).</param>
    /// <param name="cancellationToken">Stops the command.</param>
    public static Task<int> RunAsync(string[] args, OperatorConsole console, ConnectBroker? connect = null,
        IReadOnlyDictionary<string, string?>? settings = null, CancellationToken cancellationToken = default) =>
        new OperatorCli(console, connect ?? BrokerConnector.ConnectAsync, settings ?? new Dictionary<string, string?>())
            .RunAsync(args, cancellationToken);

    async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var root = BuildCommands();
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var command = parsed.CommandResult.Command;
            var path = command == root ? ToolName : $"{ToolName} {CommandPath(parsed.CommandResult)}";
            // An unknown word explains the problem better than the "required command" it causes.
            var error = parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parsed.Errors[0];
            return Usage($"{error.Message.TrimEnd('.')}; see '{path} --help'");
        }

        var invocation = new InvocationConfiguration { Output = _console.OutText, Error = _console.Error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parsed.InvokeAsync(invocation, cancellationToken);
        }
        catch (UsageException e)
        {
            return Usage(e.Message);
        }
    }

    RootCommand BuildCommands()
    {
        var root = new RootCommand("See, understand and replay the messages Switchyard's consumers could not handle; set up and check HubSpot and Partner Central.")
        {
            _settings, _transport, _host, _port, _virtualHost, _user, _managementUrl, _url,
        };
        root.Add(new QueuesCommand(this).Build());
        var errors = new Command("errors", "Failed messages: list, show, replay, purge, export, import");
        foreach (var command in new ErrorCommands(this).Build())
            errors.Add(command);
        root.Add(errors);
        var crm = new CrmCommands(this);
        root.Add(crm.HubSpot());
        root.Add(crm.PartnerCentral());
        return root;
    }

    public OperatorConsole Console => _console;

    /// <summary>
    /// Runs a command's body against the configured broker, turning what can go wrong into one line and an exit code;
    /// never a stack trace.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068", Justification = "The body reads best as the last argument.")]
    public async Task<int> WithBrokerAsync(ParseResult parsed, CancellationToken cancellationToken,
        Func<ErrorQueueOperations, IErrorQueueBroker, History, Task<int>> body)
    {
        try
        {
            var configuration = Configuration(parsed);
            var history = HistoryOf(configuration);
            await using var broker = await _connect(configuration, cancellationToken);
            return await body(new ErrorQueueOperations(broker), broker, history);
        }
        catch (Exception e) when (e is UsageException or UnknownQueueException or InvalidExportException)
        {
            return Usage(e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _console.Error.WriteLine("error: cancelled; every message is in its error queue, its target queue, or (if one was in flight) both");
            return ExitCodes.Partial;
        }
#pragma warning disable CA1031 // The tool's contract: one line and an exit code, whatever failed.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _console.Error.WriteLine($"error: {FirstLine(e.Message)}");
            return ExitCodes.Partial;
        }
    }

    /// <summary>Runs a command that needs the configuration but no broker.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068", Justification = "The body reads best as the last argument.")]
    public async Task<int> WithHistoryAsync(ParseResult parsed, CancellationToken cancellationToken, Func<History, Task<int>> body)
    {
        try
        {
            return await body(HistoryOf(Configuration(parsed)));
        }
        catch (UsageException e)
        {
            return Usage(e.Message);
        }
        catch (IOException e)
        {
            _console.Error.WriteLine($"error: {FirstLine(e.Message)}");
            return ExitCodes.Partial;
        }
    }

    /// <summary>
    /// Runs a command's body over services built from the configuration (the processor's clients, say), turning what
    /// can go wrong into one line and an exit code: settings that do not validate are a usage error, a refusal or an
    /// unreachable API a partial one; never a stack trace, never a secret.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068", Justification = "The body reads best as the last argument.")]
    public async Task<int> WithServicesAsync(ParseResult parsed, CancellationToken cancellationToken,
        Action<Microsoft.Extensions.Hosting.IHostApplicationBuilder> add, Func<IServiceProvider, Task<int>> body)
    {
        try
        {
            var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new());
            builder.Configuration.AddConfiguration(Configuration(parsed));
            add(builder);
            using var host = builder.Build();
            return await body(host.Services);
        }
        catch (UsageException e)
        {
            return Usage(e.Message);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            return Usage(string.Join(" ", e.Failures));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _console.Error.WriteLine("error: cancelled");
            return ExitCodes.Partial;
        }
        catch (Exception e) when (e is Processor.HubSpot.HubSpotPermanentException or Processor.HubSpot.HubSpotTransientException
                                      or Processor.PartnerCentral.PartnerCentralException or HttpRequestException)
        {
            _console.Error.WriteLine($"error: {FirstLine(e.Message)}");
            return ExitCodes.Partial;
        }
    }

    IConfiguration Configuration(ParseResult parsed) =>
        OperatorConfiguration.Build(parsed.GetValue(_settings), CommandLineSettings(parsed).Concat(_overrides)
            .GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Last().Value));

    static History HistoryOf(IConfiguration configuration) =>
        new(configuration[$"{OperatorOptions.Section}:{nameof(OperatorOptions.HistoryFile)}"] is { Length: > 0 } path ? path : History.DefaultPath());

    /// <summary>Reports a usage problem in one line; the message says how to fix it.</summary>
    public int Usage(string message)
    {
        _console.Error.WriteLine($"error: {message}");
        return ExitCodes.Usage;
    }

    Dictionary<string, string?> CommandLineSettings(ParseResult parsed) => new()
    {
        ["Bus:Transport"] = parsed.GetValue(_transport),
        ["Bus:RabbitMq:Host"] = parsed.GetValue(_host),
        ["Bus:RabbitMq:Port"] = parsed.GetValue(_port)?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Bus:RabbitMq:VirtualHost"] = parsed.GetValue(_virtualHost),
        ["Bus:RabbitMq:Username"] = parsed.GetValue(_user),
        ["Operator:RabbitMq:ManagementUrl"] = parsed.GetValue(_managementUrl),
        ["Operator:Url"] = parsed.GetValue(_url),
    };

    static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var current = result; current?.Parent is System.CommandLine.Parsing.CommandResult parent; current = parent)
            names.Insert(0, current.Command.Name);
        return string.Join(' ', names);
    }

    static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
