using Switchyard.Processor.Mapping;

namespace Switchyard.Processor.Tests.Mapping;

public class NextStepsTextTests
{
    [Theory]
    [InlineData("<p>Call <b>Jane</b> on Monday</p>", "Call Jane on Monday")]
    [InlineData("<p>One</p><p>Two</p>", "One\nTwo")]
    [InlineData("Line<br>break<br/>again<BR />end", "Line\nbreak\nagain\nend")]
    [InlineData("<ul><li>First</li><li>Second</li></ul>", "- First\n- Second")]
    [InlineData("<ol><li><p>Nested</p></li></ol>", "Nested")]
    [InlineData("<div><div>Deep</div></div>", "Deep")]
    [InlineData("<h2>Plan</h2>Send the SOW", "Plan\nSend the SOW")]
    [InlineData("<table><tr><td>A</td><td>B</td></tr><tr><td>C</td><td>D</td></tr></table>", "A B\nC D")]
    [InlineData("Tom &amp; Jerry &lt;3 caf&eacute; &#8364;5 &#x41;", "Tom & Jerry <3 café €5 A")]
    [InlineData("a&nbsp;&nbsp;b", "a b")]
    [InlineData("&lt;p&gt;not a tag&lt;/p&gt;", "<p>not a tag</p>")]
    [InlineData("a   b\t\tc", "a b c")]
    [InlineData("  <p>  padded  </p>  ", "padded")]
    [InlineData("first\r\n\r\n\r\nsecond", "first\nsecond")]
    [InlineData("<script>alert('<p>x</p>')</script>Visible", "Visible")]
    [InlineData("<style>p { color: red }</style><p>Text</p>", "Text")]
    [InlineData("<!-- hidden <p>comment</p> -->Shown", "Shown")]
    [InlineData("<a href=\"https://x.example/?a>b\" title='q>r'>link</a> text", "link text")]
    [InlineData("1 < 2 and 3 > 2", "1 < 2 and 3 > 2")]
    [InlineData("<!DOCTYPE html><html><body><p>Doc</p></body></html>", "Doc")]
    [InlineData("<p>Unclosed <b>bold", "Unclosed bold")]
    [InlineData("Broken <tag never closes", "Broken <tag never closes")]
    [InlineData("Plain text, no HTML at all.", "Plain text, no HTML at all.")]
    public void HTML_becomes_plain_text(string html, string expected) =>
        NextStepsText.FromNoteHtml(html).ShouldBe(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<p> </p><br/>")]
    [InlineData("<ul><li></li></ul>")]
    [InlineData("<script>only()</script>")]
    [InlineData("&nbsp;")]
    public void A_note_without_text_gives_no_next_steps(string? html) =>
        NextStepsText.FromNoteHtml(html).ShouldBeNull();

    [Fact]
    public void Text_exactly_at_the_limit_is_kept_whole()
    {
        var text = new string('a', PartnerCentralLimits.NextSteps);

        NextStepsText.FromNoteHtml($"<p>{text}</p>").ShouldBe(text);
    }

    [Fact]
    public void Text_one_over_the_limit_is_cut_and_ends_with_a_marker()
    {
        var steps = NextStepsText.FromNoteHtml(new string('a', PartnerCentralLimits.NextSteps + 1))!;

        steps.Length.ShouldBe(PartnerCentralLimits.NextSteps);
        steps.ShouldEndWith("a…");
    }

    [Fact]
    public void A_long_note_never_exceeds_the_limit()
    {
        var html = string.Concat(Enumerable.Repeat("<p>Follow up with procurement about the renewal &amp; pricing.</p>", 200));

        var steps = NextStepsText.FromNoteHtml(html)!;

        TextLimits.Length(steps).ShouldBeLessThanOrEqualTo(PartnerCentralLimits.NextSteps);
        steps.ShouldEndWith(TextLimits.Ellipsis);
    }

    [Fact]
    public void A_surrogate_pair_that_ends_exactly_at_the_limit_is_kept()
    {
        var text = new string('a', PartnerCentralLimits.NextSteps - 2) + "😀";

        NextStepsText.FromNoteHtml(text).ShouldBe(text);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_surrogate_pair_across_the_cut_is_never_split(int offset)
    {
        // The emoji's two halves fall either side of where the cut would be.
        var text = new string('a', PartnerCentralLimits.NextSteps - offset) + "😀😀😀😀" + "tail";

        var steps = NextStepsText.FromNoteHtml(text)!;

        TextLimits.Length(steps).ShouldBeLessThanOrEqualTo(PartnerCentralLimits.NextSteps);
        steps.ShouldEndWith(TextLimits.Ellipsis);
        HasLoneSurrogate(steps).ShouldBeFalse();
    }

    [Fact]
    public void Fit_applies_the_limit_to_text_that_is_not_HTML()
    {
        NextStepsText.Fit("  Send <the> SOW  ").ShouldBe("Send <the> SOW");
        NextStepsText.Fit(new string('b', 1000))!.Length.ShouldBe(PartnerCentralLimits.NextSteps);
        NextStepsText.Fit(" ").ShouldBeNull();
    }

    static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && (i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1])))
                return true;
            if (char.IsLowSurrogate(text[i]) && (i == 0 || !char.IsHighSurrogate(text[i - 1])))
                return true;
        }

        return false;
    }
}
