// JSON member names are the wire format, not references to the C# members that happen to share them.
#pragma warning disable CA1507

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Hosting;
using Switchyard.Hosting.Http;

namespace Switchyard.Emulators.PartnerCentral;

/// <summary>
/// The control surface of the Partner Central emulator, under <c>{prefix}/_aws/</c>: a test or a person plays AWS
/// (its reviewer, its seller, the sender of referrals) and the partner's own console, outside Switchyard. JSON in,
/// JSON out (the API's shapes: an opportunity as GetOpportunity answers it, an invitation as GetEngagementInvitation
/// does), RFC 9457 problem details on bad input (400), an unknown id (404) or a state that forbids it (409).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>POST _aws/opportunities/{id}/review</c> <c>{"ReviewStatus": "Approved" | "Rejected" | "Action Required" | "In review", "ReviewComments": "...", "ReviewStatusReason": "..."}</c></item>
/// <item><c>POST _aws/opportunities/{id}/summary</c> members of GetAwsOpportunitySummary's answer (<c>OpportunityTeam</c>, <c>Insights</c>, <c>LifeCycle</c>, ...)</item>
/// <item><c>POST _aws/opportunities/{id}/edit</c> a JSON merge patch (RFC 7396) of the opportunity, as the console edits it</item>
/// <item><c>POST _aws/invitations</c> an AWS referral (every member optional); <c>GET _aws/invitations/{id}</c></item>
/// <item><c>POST _aws/invitations/{id}/expire</c>, <c>/accept</c>, <c>/reject</c> <c>{"RejectionReason": "..."}</c></item>
/// <item><c>GET _aws/events</c> every EventBridge event produced, dropped ones marked</item>
/// </list>
/// Not signed: it is AWS's and the console's side, not the API. It exists only where the emulator does.
/// </remarks>
public static class PartnerCentralControlEndpoints
{
    /// <summary>The path below the emulator's prefix where the control surface lives.</summary>
    public const string Segment = "_aws";

    const int MaxBodyBytes = 1024 * 1024;

    static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Maps the control surface at <c>{pathPrefix}/_aws/</c>.</summary>
    public static RouteGroupBuilder MapPartnerCentralControl(this IEndpointRouteBuilder endpoints, string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(pathPrefix);
        var prefix = pathPrefix.Trim('/');
        var group = endpoints.MapGroup(prefix.Length == 0 ? $"/{Segment}" : $"/{prefix}/{Segment}");
        group.MapPost("/opportunities/{id}/review", ReviewAsync);
        group.MapPost("/opportunities/{id}/summary", SummaryAsync);
        group.MapPost("/opportunities/{id}/edit", EditAsync);
        group.MapPost("/invitations", (Func<HttpContext, Task<IResult>>)CreateInvitationAsync);
        group.MapGet("/invitations/{id}", GetInvitation);
        group.MapPost("/invitations/{id}/expire", (HttpContext context, string id) => Run(context, emulator => Ok(emulator.ExpireInvitation(id))));
        group.MapPost("/invitations/{id}/accept", (HttpContext context, string id) => Run(context, emulator => Ok(emulator.AcceptInvitationInConsole(id))));
        group.MapPost("/invitations/{id}/reject", RejectInvitationAsync);
        group.MapGet("/events", (Func<HttpContext, IResult>)Events);
        // An emulator is not part of the service's API description.
        group.ExcludeFromDescription();
        return group;
    }

    static async Task<IResult> ReviewAsync(HttpContext context, string id)
    {
        if (await ReadAsync(context, required: true) is not { Body: { } body })
            return Invalid("The body must be a JSON object such as {\"ReviewStatus\": \"Approved\", \"ReviewComments\": \"...\"}.");
        if (Text(body, "ReviewStatus", out var status) is { } wrongStatus)
            return wrongStatus;
        if (status is null)
            return Invalid("ReviewStatus is required: Approved, Rejected, Action Required or In review.");
        if (Text(body, "ReviewComments", out var comments) is { } wrongComments)
            return wrongComments;
        if (Text(body, "ReviewStatusReason", out var reason) is { } wrongReason)
            return wrongReason;
        return Run(context, emulator => Ok(emulator.Review(id, status, comments, reason)));
    }

    static async Task<IResult> SummaryAsync(HttpContext context, string id)
    {
        if (await ReadAsync(context, required: true) is not { Body: { } body })
            return Invalid("The body must be a JSON object of GetAwsOpportunitySummary's members, e.g. {\"Insights\": {\"EngagementScore\": \"High\"}}.");
        return Run(context, emulator => Ok(emulator.SetAwsSummary(id, body)));
    }

    static async Task<IResult> EditAsync(HttpContext context, string id)
    {
        if (await ReadAsync(context, required: true) is not { Body: { } patch })
            return Invalid("The body must be a JSON merge patch (RFC 7396) of the opportunity, e.g. {\"Project\": {\"Title\": \"...\"}}.");
        return Run(context, emulator =>
        {
            emulator.EditInConsole(id, editable => MergePatch(editable, patch));
            return Ok(emulator.FindOpportunity(id)!);
        });
    }

    static async Task<IResult> CreateInvitationAsync(HttpContext context)
    {
        if (await ReadAsync(context, required: false) is not { } read)
            return Invalid("The body must be a JSON object (or empty for a referral with every default).");
        return Run(context, emulator =>
        {
            var invitation = emulator.CreateInvitation(read.Body);
            return Results.Text(invitation.ToJsonString(Json), "application/json", Encoding.UTF8, StatusCodes.Status201Created);
        });
    }

    static IResult GetInvitation(HttpContext context, string id) =>
        Run(context, emulator => emulator.FindInvitation(id) is { } invitation ? Ok(invitation) : throw new KeyNotFoundException($"There is no engagement invitation {id}."));

    static async Task<IResult> RejectInvitationAsync(HttpContext context, string id)
    {
        if (await ReadAsync(context, required: false) is not { } read)
            return Invalid("The body must be empty or a JSON object such as {\"RejectionReason\": \"Unable to support\"}.");
        string? reason = null;
        if (read.Body is not null && Text(read.Body, "RejectionReason", out reason) is { } wrong)
            return wrong;
        return Run(context, emulator => Ok(emulator.RejectInvitationInConsole(id, reason)));
    }

    static IResult Events(HttpContext context) =>
        Run(context, emulator => Ok(new JsonObject
        {
            ["Events"] = new JsonArray(emulator.Events.Select(e => (JsonNode?)new JsonObject
            {
                ["Dropped"] = e.Dropped,
                ["Event"] = e.Parse(),
            }).ToArray()),
        }));

    // The hooks say what went wrong with the exception they throw; none of their messages holds a secret.
    static IResult Run(HttpContext context, Func<PartnerCentralEmulator, IResult> action)
    {
        var emulator = context.RequestServices.GetRequiredService<PartnerCentralEmulator>();
        try
        {
            return action(emulator);
        }
        catch (KeyNotFoundException e)
        {
            return ProblemResults.Create(StatusCodes.Status404NotFound, ProblemTypes.NotFound, e.Message);
        }
        catch (InvalidOperationException e)
        {
            return ProblemResults.Create(StatusCodes.Status409Conflict, ProblemTypes.Conflict, e.Message);
        }
        catch (ArgumentException e)
        {
            return Invalid(StripParameter(e));
        }
    }

    static string StripParameter(ArgumentException e) =>
        e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;

    static IResult Ok(JsonNode body) => Results.Text(body.ToJsonString(Json), "application/json", Encoding.UTF8, StatusCodes.Status200OK);

    static IResult Invalid(string detail) => ProblemResults.Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidBody, detail);

    static IResult? Text(JsonObject body, string member, out string? value)
    {
        value = null;
        switch (body[member])
        {
            case null:
                return null;
            case JsonValue text when text.GetValueKind() == JsonValueKind.String:
                value = text.GetValue<string>();
                return null;
            default:
                return Invalid($"{member} must be a string.");
        }
    }

    /// <summary>The body as a JSON object (null when empty and not required), or null when it is not one.</summary>
    static async Task<ReadBody?> ReadAsync(HttpContext context, bool required)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > MaxBodyBytes)
            return null;
        if (buffer.Length == 0)
            return required ? null : new ReadBody(null);
        try
        {
            return JsonNode.Parse(buffer.ToArray()) is JsonObject body ? new ReadBody(body) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // RFC 7396: a member set to null is removed, an object merges into an object, anything else replaces.
    static void MergePatch(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is null)
                target.Remove(name);
            else if (value is JsonObject inner && target[name] is JsonObject existing)
                MergePatch(existing, inner);
            else
                target[name] = value.DeepClone();
        }
    }

    sealed record ReadBody(JsonObject? Body);
}
