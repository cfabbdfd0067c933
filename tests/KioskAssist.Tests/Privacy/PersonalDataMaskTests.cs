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
    public void The_luhn_check_accepts_known_test_numbers_and_refuses_a_changed_digit()
    {
        Assert.True(PersonalDataMask.IsCardNumber("4012 8888 8888 1881"));
        Assert.False(PersonalDataMask.IsCardNumber("4012 8888 8888 1882"));
    }
}
