using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.Testing;

namespace Switchyard.Hosting.Tests;

public class ProblemDetailsTests
{
    sealed class FailingModule : ISwitchyardModule
    {
        public string Name => "failing";

        public void MapEndpoints(IEndpointRouteBuilder endpoints) =>
            endpoints.MapPost("/explode", (Func<IResult>)(() => throw new InvalidOperationException("secret connection string=Password=hunter2")));
    }

    static async Task<(HttpStatusCode Status, JsonElement Problem, string Text)> SendAsync(HttpMethod method, string path)
    {
        await using var host = await SwitchyardTestHost.StartAsync([new FailingModule()]);
        using var response = await host.Client.SendAsync(new HttpRequestMessage(method, new Uri(path, UriKind.Relative)), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return (response.StatusCode, JsonDocument.Parse(text).RootElement, text);
    }

    [Fact]
    public async Task An_unhandled_exception_becomes_a_500_problem_without_the_exception()
    {
        var (status, problem, text) = await SendAsync(HttpMethod.Post, "explode");

        status.ShouldBe(HttpStatusCode.InternalServerError);
        problem.GetProperty("type").GetString().ShouldBe(ProblemTypes.ServerError);
        text.ShouldNotContain("hunter2");
        text.ShouldNotContain("InvalidOperationException");
        text.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_problem() =>
        (await SendAsync(HttpMethod.Get, "no-such-thing")).Problem.GetProperty("type").GetString().ShouldBe(ProblemTypes.NotFound);

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        var (status, problem, _) = await SendAsync(HttpMethod.Get, "explode");

        status.ShouldBe(HttpStatusCode.MethodNotAllowed);
        problem.GetProperty("type").GetString().ShouldBe(ProblemTypes.MethodNotAllowed);
    }
}
