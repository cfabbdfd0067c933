namespace KioskAssist.Intent;

/// <summary>The n-grams of one text, before they are looked up in a vocabulary.</summary>
public sealed record NgramCounts(Dictionary<string, int> Words, Dictionary<string, int> Characters)
{
    public IEnumerable<string> All => Words.Keys.Concat(Characters.Keys);
}
