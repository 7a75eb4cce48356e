using System.Text;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Tests.PartnerCentral;

public class PartnerCentralErrorsTests
{
    [Theory]
    [InlineData("com.amazonaws.partnercentralselling#ValidationException", "ValidationException")]
    [InlineData("ValidationException:http://internal.amazon.com/coral/com.amazonaws.partnercentralselling/", "ValidationException")]
    [InlineData("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError")]
    [InlineData("ThrottlingException", "ThrottlingException")]
    [InlineData(" ", null)]
    [InlineData(null, null)]
    public void The_error_type_is_the_shape_name_without_namespace_or_suffix(string? raw, string? expected) =>
        PartnerCentralErrors.NormalizeErrorType(raw).ShouldBe(expected);

    [Fact]
    public void The_header_names_the_type_before_the_body()
    {
        var e = PartnerCentralErrors.FromResponse(400, "ThrottlingException:http://internal.amazon.com/",
            Encoding.UTF8.GetBytes("{\"__type\":\"com.amazonaws.partnercentralselling#ValidationException\",\"Message\":\"Rate exceeded\"}"));

        e.ErrorType.ShouldBe("ThrottlingException");
        e.Kind.ShouldBe(PartnerCentralErrorKind.Transient);
        e.Reason.ShouldBe("Rate exceeded");
    }

    [Fact]
    public void A_body_with_code_instead_of_type_is_understood() =>
        PartnerCentralErrors.FromResponse(409, null, "{\"code\":\"ConflictException\",\"message\":\"changed\"}"u8).Kind
            .ShouldBe(PartnerCentralErrorKind.Conflict);

    [Theory]
    [InlineData(503, PartnerCentralErrorKind.Transient)]
    [InlineData(429, PartnerCentralErrorKind.Transient)]
    [InlineData(400, PartnerCentralErrorKind.Permanent)]
    [InlineData(404, PartnerCentralErrorKind.Permanent)]
    public void An_error_without_a_type_is_judged_by_its_status(int status, PartnerCentralErrorKind kind)
    {
        var e = PartnerCentralErrors.FromResponse(status, null, "<html>Bad gateway</html>"u8);

        e.ErrorType.ShouldBe($"Http{status}");
        e.Kind.ShouldBe(kind);
        e.Reason.ShouldBe($"Partner Central answered HTTP {status}.");
    }

    [Fact]
    public void A_very_long_message_is_cut() =>
        PartnerCentralErrors.FromResponse(400, null, Encoding.UTF8.GetBytes($"{{\"__type\":\"ValidationException\",\"message\":\"{new string('x', 5000)}\"}}"))
            .Reason.Length.ShouldBe(1003);

    [Theory]
    [InlineData("ValidationException", 400, PartnerCentralErrorKind.Permanent)]
    [InlineData("AccessDeniedException", 403, PartnerCentralErrorKind.Permanent)]
    [InlineData("ResourceNotFoundException", 404, PartnerCentralErrorKind.Permanent)]
    [InlineData("ServiceQuotaExceededException", 402, PartnerCentralErrorKind.Permanent)]
    [InlineData("InvalidSignatureException", 403, PartnerCentralErrorKind.Permanent)]
    [InlineData("ConflictException", 409, PartnerCentralErrorKind.Conflict)]
    [InlineData("ConflictException", 400, PartnerCentralErrorKind.Conflict)]
    [InlineData("ThrottlingException", 400, PartnerCentralErrorKind.Transient)]
    [InlineData("InternalServerException", 500, PartnerCentralErrorKind.Transient)]
    [InlineData("SomethingNew", 502, PartnerCentralErrorKind.Transient)]
    public void Each_type_has_its_kind(string type, int status, PartnerCentralErrorKind kind) =>
        PartnerCentralErrors.Classify(type, status).ShouldBe(kind);
}
