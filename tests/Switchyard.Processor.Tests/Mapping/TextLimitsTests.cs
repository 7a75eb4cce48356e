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
    [InlineData("ab😀cd", 2, "", "ab")]
    [InlineData("ab😀cd", 3, "", "ab😀")]
    [InlineData("ab😀cd", 4, "…", "ab😀…")]
    [InlineData("e\u0301e\u0301e\u0301", 3, "", "e\u0301")]
    [InlineData("e\u0301e\u0301e\u0301", 4, "", "e\u0301e\u0301")]
    [InlineData("a👨‍👩‍👧b", 5, "", "a")]
    [InlineData("a👨‍👩‍👧b", 6, "", "a👨‍👩‍👧")]
    [InlineData("🇩🇪🇫🇷", 3, "", "🇩🇪")]
    public void Text_is_cut_between_text_elements_and_never_exceeds_the_limit_in_code_points(string value, int max, string marker, string expected)
    {
        var cut = TextLimits.Truncate(value, max, marker);

        cut.ShouldBe(expected);
        TextLimits.Length(cut).ShouldBeLessThanOrEqualTo(max);
    }

    [Theory]
    [InlineData("abc", 3)]
    [InlineData("😀😀", 2)]
    [InlineData("e\u0301", 2)]
    [InlineData("👨‍👩‍👧", 5)]
    [InlineData("🇩🇪", 2)]
    public void Length_counts_code_points_as_AWS_does_not_UTF16_units_or_text_elements(string value, int expected) =>
        TextLimits.Length(value).ShouldBe(expected);

    [Fact]
    public void A_lone_surrogate_counts_once_and_is_cleaned_to_a_replacement_character()
    {
        TextLimits.Length("\ud800x").ShouldBe(2);
        TextLimits.Clean("half \ud83d pair").ShouldBe("half \ufffd pair");
    }

    [Fact]
    public void An_emoji_is_one_character_of_the_limit()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 300));

        var cut = TextLimits.Truncate(emoji, 255);

        TextLimits.Length(cut).ShouldBe(255);
        cut.Length.ShouldBe(510);
    }

    [Fact]
    public void An_element_longer_than_the_room_left_is_cut_between_code_points_without_splitting_a_pair()
    {
        var zalgo = "z" + new string('\u0301', 50);

        var cut = TextLimits.Truncate(zalgo, 10);

        cut.Length.ShouldBe(10);
        TextLimits.Truncate("😀" + new string('\u0301', 20), 3).ShouldBe("😀\u0301\u0301");
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
