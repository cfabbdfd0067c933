namespace KioskAssist.Tests.BadInput;

/// <summary>
/// Seeded random edits of a valid payload (a byte replaced by a JSON-ish character or any byte, inserted, deleted, a
/// slice repeated or cut out), one to four per payload: the long tail <see cref="BadPayloads"/>' structured cases do not
/// reach. Some edits leave a valid message (a letter changed inside a string); the receiver may then act on it.
/// </summary>
public static class PayloadMutator
{
    private const string Jsonish = "{}[]\":,0123456789.-eEtrufalsn \\/abcvid";

    public static IEnumerable<BadPayload> Mutations(PayloadTemplate template, int seed, int count)
    {
        ArgumentNullException.ThrowIfNull(template);
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var bytes = new List<byte>(template.Valid);
            var edits = random.Next(1, 5);
            for (var e = 0; e < edits && bytes.Count > 0; e++)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(6))
                {
                    case 0:
                        bytes[at] = (byte)Jsonish[random.Next(Jsonish.Length)];
                        break;
                    case 1:
                        bytes[at] = (byte)random.Next(256);
                        break;
                    case 2:
                        bytes.Insert(at, (byte)Jsonish[random.Next(Jsonish.Length)]);
                        break;
                    case 3:
                        bytes.RemoveAt(at);
                        break;
                    case 4:
                        var length = Math.Min(random.Next(1, 40), bytes.Count - at);
                        bytes.InsertRange(at, bytes.GetRange(at, length));
                        break;
                    default:
                        bytes.RemoveRange(at, Math.Min(random.Next(1, 40), bytes.Count - at));
                        break;
                }
            }

            yield return new BadPayload($"{template.Name}: mutation {seed}/{i}", [.. bytes]);
        }
    }
}
