using KioskAssist.FirmwareHost.Privacy;

namespace KioskAssist.Tests.Privacy;

[Trait("Category", "Unit")]
public sealed class PersonalDataMaskTests
{
    [Theory]
    [InlineData("my card is 4111111111111111 thanks", "my card is [card number] thanks")]
    [InlineData("kartu 4111 1111 1111 1111 ditolak", "kartu [card number] ditolak")]
    [InlineData("5500-0000-0000-0004", "[card number]")]
    [InlineData("amex 378282246310005.", "amex [card number].")]
    [InlineData("19 digits 6011000990139424000 x", "19 digits 6011000990139424000 x")] // not Luhn-valid: left alone
    public void Luhn_valid_card_numbers_of_13_to_19_digits_are_masked(string text, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Apply(text));

    [Theory]
    [InlineData("4111111111111112")] // fails Luhn
    [InlineData("411111111111")] // 12 digits
    [InlineData("Rp 150.000 and order 4471")]
    [InlineData("struk 2026112800123")] // 13 digits, not Luhn-valid
    public void Other_digit_runs_are_left_alone(string text) => Assert.Equal(text, PersonalDataMask.Apply(text));

    [Theory]
    [InlineData("email saya siti@example.com ya", "email saya [e-mail] ya")]
    [InlineData("Write to a.b+c@mail.co.id.", "Write to [e-mail].")]
    public void Email_addresses_are_masked(string text, string expected) => Assert.Equal(expected, PersonalDataMask.Apply(text));

    [Theory]
    [InlineData("hubungi 0812-3456-7890", "hubungi [phone]")]
    [InlineData("call +62 812 3456 7890 please", "call [phone] please")]
    [InlineData("021 555 1234", "[phone]")]
    public void Phone_numbers_are_masked(string text, string expected) => Assert.Equal(expected, PersonalDataMask.Apply(text));

    [Fact]
    public void A_line_that_masking_lengthens_past_the_protocol_limit_is_cut_to_the_limit_without_showing_what_was_masked()
    {
        // 285 short addresses (6 characters each) become "[e-mail]" (8 each): 1,994 characters padded to 2,000 become 2,570.
        var text = string.Join(' ', Enumerable.Repeat("a@b.co", 285)).PadRight(PersonalDataMask.MaxLength, 'x');
        Assert.Equal(PersonalDataMask.MaxLength, text.Length);

        var masked = PersonalDataMask.Apply(text);

        Assert.Equal(PersonalDataMask.MaxLength, masked.Length);
        Assert.EndsWith("…", masked, StringComparison.Ordinal);
        Assert.StartsWith("[e-mail] [e-mail]", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("@", masked, StringComparison.Ordinal);
        Assert.Equal(KioskAssist.FirmwareHost.Screen.ScreenEndpoints.MaxTextLength, PersonalDataMask.MaxLength); // the limit the page and the wire use
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        // Two addresses grow by 4 and the cut (at 1,999) would fall between the halves of an emoji.
        var text = "a@b.co a@b.co " + string.Concat(Enumerable.Repeat("😀", 993));
        Assert.True(text.Length <= PersonalDataMask.MaxLength);

        var masked = PersonalDataMask.Apply(text);

        Assert.True(masked.Length <= PersonalDataMask.MaxLength);
        Assert.False(char.IsHighSurrogate(masked[^2]));
        Assert.EndsWith("😀…", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void The_luhn_check_accepts_known_test_numbers_and_refuses_a_changed_digit()
    {
        Assert.True(PersonalDataMask.IsCardNumber("4012 8888 8888 1881"));
        Assert.False(PersonalDataMask.IsCardNumber("4012 8888 8888 1882"));
    }
}
