using Switchyard.Processor.Mapping;

namespace Switchyard.Processor.Tests.Mapping;

public class TextLimitsTests
{
    [Theory]
    [InlineData("abcdef", 6, "", "abcdef")]
    [InlineData("abcdef", 5, "", "abcde")]
    [InlineData("abcdef", 5, "…", "abcd…")]
    [InlineData("abc def", 5, "…", "abc…")]
    [InlineData("abcdef", 0, "…", "")]
    [InlineData("abcdef", 1, "…", "…")]
    [InlineData("ab😀cd", 3, "", "ab")]
    [InlineData("ab😀cd", 4, "", "ab😀")]
    [InlineData("e\u0301e\u0301e\u0301", 3, "", "e\u0301")]
    [InlineData("a👨‍👩‍👧b", 6, "", "a")]
    public void Text_is_cut_between_text_elements_and_never_exceeds_the_limit(string value, int max, string marker, string expected)
    {
        var cut = TextLimits.Truncate(value, max, marker);

        cut.ShouldBe(expected);
        cut.Length.ShouldBeLessThanOrEqualTo(max);
    }

    [Fact]
    public void An_element_longer_than_the_room_left_is_cut_between_code_points_without_splitting_a_pair()
    {
        var zalgo = "z" + new string('\u0301', 50);

        var cut = TextLimits.Truncate(zalgo, 10);

        cut.Length.ShouldBe(10);
        TextLimits.Truncate("😀" + new string('\u0301', 20), 3).ShouldBe("😀\u0301");
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData(" \t\n ", null)]
    [InlineData(" Acme\u0000 Corp\u0007 ", "Acme Corp")]
    [InlineData("Line one\nLine two", "Line one Line two")]
    public void Clean_trims_and_drops_control_characters(string? value, string? expected) =>
        TextLimits.Clean(value).ShouldBe(expected);

    [Fact]
    public void Clean_can_keep_line_breaks() =>
        TextLimits.Clean("One\r\nTwo\rThree", keepLineBreaks: true).ShouldBe("One\nTwo\nThree");
}
