using KioskAssist.Intent;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class LabeledCsvTests
{
    [Fact]
    public void Reads_quoted_fields_and_ignores_other_columns()
    {
        using var temp = new TempDirectory();
        var path = temp.File("data.csv");
        File.WriteAllText(path, "id,text,intent,lang\n1,\"hi, \"\"there\"\"\",greeting,en\n2,plain,oos,id\n");

        var rows = LabeledCsv.Read(path);

        Assert.Equal(
            [new LabeledExample("hi, \"there\"", "greeting", "en"), new LabeledExample("plain", "oos", "id")],
            rows);
    }

    [Fact]
    public void Has_no_language_when_the_file_has_no_lang_column()
    {
        using var temp = new TempDirectory();
        var path = temp.File("data.csv");
        File.WriteAllText(path, "text,intent\nhello,greeting\n");

        Assert.Null(LabeledCsv.Read(path).Single().Language);
    }

    [Fact]
    public void Names_the_missing_column()
    {
        using var temp = new TempDirectory();
        var path = temp.File("data.csv");
        File.WriteAllText(path, "sentence,intent\nhello,greeting\n");

        var error = Assert.Throws<InvalidDataException>(() => LabeledCsv.Read(path));
        Assert.Contains("'text'", error.Message, StringComparison.Ordinal);
    }
}
