using Microsoft.Extensions.Options;
using Switchyard.Hosting.Auth;
using Switchyard.Storage;

namespace Switchyard.WebConsole.Tests;

public class ConsoleOptionsValidatorTests
{
    static ConsoleOptionsValidator Validator(params string[] clients) =>
        new(Options.Create(new AuthOptions { ApiKeys = clients.Select(c => new ApiKeyOptions { Name = c, Key = "key-of-" + c + "-0123456789" }).ToList() }));

    [Fact]
    public void Roles_name_clients_of_Auth_ApiKeys_and_addresses_are_http_URLs()
    {
        var options = new ConsoleOptions
        {
            Operators = ["ops", "nobody"],
            Viewers = ["sales"],
            DispatcherUrl = "dispatcher:5083",
            Services = new(StringComparer.OrdinalIgnoreCase) { ["Receipt"] = "ftp://receipt" },
            Storage = new StorageOptions { Provider = "Oracle", ConnectionString = "Data Source=data/console.db" },
        };

        var result = Validator("ops", "sales").Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldBe([
            "Console:Operators:1 'nobody' is not a client of Auth:ApiKeys: add an API key with that name, or remove it from the list.",
            "Console:DispatcherUrl 'dispatcher:5083' is not an http(s) URL; give the dispatcher's address, e.g. http://dispatcher:5083, or leave it unset in AllInOne.",
            "Console:Services:Receipt 'ftp://receipt' is not an http(s) URL; give the service's address, e.g. http://receipt:5081.",
            "Console:Storage:Provider is 'Oracle'; use Sqlite (an embedded file) or PostgreSql.",
        ]);
        string.Concat(result.Failures).ShouldNotContain("key-of-");
    }

    [Fact]
    public void The_defaults_are_valid_with_no_one_allowed_in()
    {
        Validator().Validate(null, new ConsoleOptions()).Succeeded.ShouldBeTrue();
    }
}
