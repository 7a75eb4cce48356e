using System.Text;
using Switchyard.Receipt.HubSpot;

namespace Switchyard.Receipt.Tests;

/// <summary>
/// The signature functions against vectors computed outside this code base: v1 and v2 from HubSpot's documentation,
/// v3 with Python's hmac module (see the comments for the exact inputs).
/// </summary>
public class HubSpotSignatureTests
{
    const string DocsSecret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";

    const string DocsBody =
        """[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]""";

    static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void V1_matches_HubSpots_documented_example() =>
        HubSpotSignature.ComputeV1(DocsSecret, Utf8(DocsBody)).ShouldBe("232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de");

    [Fact]
    public void V2_matches_HubSpots_documented_examples()
    {
        HubSpotSignature.ComputeV2(DocsSecret, "GET", "https://www.example.com/webhook_uri", [])
            .ShouldBe("eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e");
        HubSpotSignature.ComputeV2(DocsSecret, "POST", "https://www.example.com/webhook_uri", Utf8("""{"example_field":"example_value"}"""))
            .ShouldBe("9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900");
    }

    [Fact]
    public void V3_matches_an_independently_computed_vector()
    {
        // base64(hmac_sha256(secret, "POST" + "https://www.example.com/webhook_uri" + body + "1700000000000"))
        HubSpotSignature.ComputeV3(DocsSecret, "POST", "https://www.example.com/webhook_uri", Utf8(DocsBody), "1700000000000")
            .ShouldBe("/pXDSgWeGksQpwCsgqd43P0eY6gBIse9UX0tfkudUrE=");
    }

    [Fact]
    public void V3_decodes_the_listed_escapes_of_the_called_url_before_signing()
    {
        // Called with ?portal=62515&note=a%3Ab%2Fc%20d%40e; signed over ...note=a:b/c%20d@e (%20 is not in HubSpot's list).
        HubSpotSignature.ComputeV3(DocsSecret, "POST", "https://hooks.example.com/webhooks/hubspot?portal=62515&note=a%3Ab%2Fc%20d%40e",
                Utf8(DocsBody), "1700000000000")
            .ShouldBe("xNb1y6WBOUaH3PyhdfdiTYH8ZCraDyxui/kP/dckcz8=");
    }

    [Theory]
    [InlineData("https://h.example/p?q=%3A%2F%3F%40%21%24%27%28%29%2A%2C%3B", "https://h.example/p?q=:/?@!$'()*,;")]
    [InlineData("https://h.example/p?q=%3a%2f", "https://h.example/p?q=:/")]
    [InlineData("https://h.example/p?q=%20%25%26%3D%2B", "https://h.example/p?q=%20%25%26%3D%2B")]
    [InlineData("https://h.example/plain", "https://h.example/plain")]
    public void Only_the_escapes_HubSpot_lists_are_decoded(string called, string signedUri) =>
        HubSpotSignature.DecodeV3Uri(called).ShouldBe(signedUri);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817")]
    [InlineData("232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817dexx")]
    [InlineData("zz2db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de")]
    public void A_hex_signature_of_the_wrong_shape_never_matches(string? received) =>
        HubSpotSignature.HexEquals("232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de", received).ShouldBeFalse();

    [Fact]
    public void Hex_signatures_match_whatever_their_case() =>
        HubSpotSignature.HexEquals("232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de",
            "232DB2615F3D666FE21A8EC971AC7B5402D33B9A925784DF3CA654D05F4817DE").ShouldBeTrue();

    [Theory]
    [InlineData("not base64!")]
    [InlineData("/pXDSgWeGksQpwCsgqd43P0eY6gBIse9UX0tfkudUr==")]
    [InlineData("AAAA")]
    public void A_base64_signature_of_the_wrong_shape_never_matches(string received) =>
        HubSpotSignature.Base64Equals("/pXDSgWeGksQpwCsgqd43P0eY6gBIse9UX0tfkudUrE=", received).ShouldBeFalse();
}
