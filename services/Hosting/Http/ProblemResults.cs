using Microsoft.AspNetCore.Http;

namespace Switchyard.Hosting.Http;

/// <summary>RFC 9457 problem-details results with Switchyard's types and titles.</summary>
public static class ProblemResults
{
    /// <summary>A problem of <paramref name="type"/> (see <see cref="ProblemTypes"/>) with its fixed title.</summary>
    public static IResult Create(int status, string type, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(detail: detail, statusCode: status, title: ProblemTypes.Title(type), type: type, extensions: extensions);

    /// <summary>
    /// Gives the problems the framework writes by itself (routing's 404, 405 and 415, Kestrel's 413, unhandled
    /// exceptions) a Switchyard type, title and detail, so every error a client sees has the same shape.
    /// </summary>
    public static void ApplySwitchyardType(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Type is not null && problem.Type.StartsWith("https://switchyard.dev/", StringComparison.Ordinal))
            return;
        if (ProblemTypes.ForStatus(problem.Status ?? context.HttpContext.Response.StatusCode) is not { } type)
            return;

        problem.Type = type;
        problem.Title = ProblemTypes.Title(type);
        problem.Detail ??= type switch
        {
            ProblemTypes.UnsupportedMediaType => "This endpoint does not accept the request's Content-Type; the OpenAPI document at /openapi/v1.json lists what each endpoint accepts.",
            ProblemTypes.NotFound => "There is no endpoint at this path; the OpenAPI document at /openapi/v1.json lists them.",
            ProblemTypes.MethodNotAllowed => "This endpoint does not accept this HTTP method.",
            ProblemTypes.BodyTooLarge => "The request body is larger than the server accepts.",
            ProblemTypes.ServerError => "The request could not be processed; it has been logged. Retry later.",
            _ => null,
        };
        problem.Extensions.Remove("exception");
    }
}
