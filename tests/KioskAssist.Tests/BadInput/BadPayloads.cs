using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KioskAssist.Protocol;

namespace KioskAssist.Tests.BadInput;

/// <summary>
/// Generates payloads a protocol receiver must drop, from a valid <see cref="PayloadTemplate"/>: random bytes, the
/// valid JSON truncated at every k-th byte, 1 MiB and just-over-the-limit payloads, every field with each wrong JSON
/// type, null or missing, closed values outside their set, future protocol versions, huge and out-of-range numbers,
/// deep nesting and invalid UTF-8 in every string. Seeded: the same seed and template give the same bytes, so a
/// failure can be replayed.
/// </summary>
public static class BadPayloads
{
    public const int OneMebibyte = 1024 * 1024;

    /// <summary>Where a string value is replaced by invalid UTF-8 (a bare continuation, an overlong '/', a surrogate, a cut sequence, 0xFF).</summary>
    private static readonly byte[][] InvalidUtf8 = [[0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xFF, 0xFE]];

    private const string Marker = "@@BAD-UTF8@@";

    /// <param name="truncateEvery">Cut the valid JSON after every k-th byte.</param>
    /// <param name="withEmpty">Include an empty payload (on some topics an empty payload is a valid "cleared").</param>
    public static IReadOnlyList<BadPayload> For(PayloadTemplate template, int seed, int truncateEvery = 7, bool withEmpty = true)
    {
        ArgumentNullException.ThrowIfNull(template);
        var random = new Random(seed);
        var found = new List<BadPayload>();
        void Add(string kind, byte[] bytes) => found.Add(new BadPayload($"{template.Name}: {kind}", bytes));
        void AddJson(string kind, JsonNode? node) => Add(kind, Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null"));

        if (withEmpty)
        {
            Add("empty", []);
        }

        RandomBytes(random, Add);
        for (var cut = truncateEvery; cut < template.Valid.Length; cut += truncateEvery)
        {
            Add($"truncated at {cut}", template.Valid[..cut]);
        }

        Oversized(template, random, Add);
        foreach (var text in new[] { "null", "[]", "{}", "\"text\"", "1", "true", "[" + Encoding.UTF8.GetString(template.Valid) + "]" })
        {
            Add($"top level {text[..Math.Min(text.Length, 8)]}", Encoding.UTF8.GetBytes(text));
        }

        foreach (var path in Paths(Parse(template)))
        {
            var key = string.Join('/', path);
            var original = Get(Parse(template), path)!;
            foreach (var wrong in WrongTypesFor(original))
            {
                AddJson($"{key} as {wrong?.GetValueKind().ToString() ?? "null"}", With(template, path, wrong));
            }

            if (!template.Optional.Contains(key))
            {
                AddJson($"{key} null", With(template, path, null));
                if (path[^1] is string)
                {
                    AddJson($"{key} missing", Without(template, path));
                }
            }

            if (template.Closed.Contains(key))
            {
                foreach (var value in new[] { "zz_unknown", string.Empty, original.GetValue<string>() + " " })
                {
                    AddJson($"{key} = '{value}'", With(template, path, JsonValue.Create(value)));
                }
            }

            if (original.GetValueKind() == JsonValueKind.Number)
            {
                var integral = decimal.TryParse(original.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
                string[] huge = integral ? ["1e400", "99999999999999999999999999", "-99999999999999999999999999", "1.5"] : ["1e400", "-1e400"];
                foreach (var number in huge.Concat(template.Bounded.Contains(key) ? ["-1", "1e308"] : []))
                {
                    AddJson($"{key} = {number}", With(template, path, JsonNode.Parse(number)));
                }
            }

            if (original.GetValueKind() == JsonValueKind.String)
            {
                var bytes = Encoding.UTF8.GetBytes(With(template, path, JsonValue.Create(Marker)).ToJsonString());
                Add($"{key} invalid UTF-8", Splice(bytes, InvalidUtf8[random.Next(InvalidUtf8.Length)]));
            }
        }

        foreach (var version in new[] { "2", "3", "999", "0", "-1", "2147483647", "\"1\"", "1.0" })
        {
            AddJson($"v = {version}", With(template, ["v"], JsonNode.Parse(version)));
        }

        Add("a future shape", Encoding.UTF8.GetBytes("""{"v":2,"kind":"something-new","body":{"x":[1,2,3]}}"""));
        DeepNesting(Add);
        return found;
    }

    private static void RandomBytes(Random random, Action<string, byte[]> add)
    {
        const string jsonish = "{}[]\":,0123456789.-eEtrufalsn \\/abcvid";
        for (var i = 0; i < 12; i++)
        {
            var bytes = new byte[random.Next(1, 600)];
            random.NextBytes(bytes);
            add($"random bytes #{i}", bytes);
            var chars = new char[random.Next(1, 600)];
            for (var c = 0; c < chars.Length; c++)
            {
                chars[c] = jsonish[random.Next(jsonish.Length)];
            }

            add($"random JSON characters #{i}", Encoding.UTF8.GetBytes(chars));
        }
    }

    /// <summary>1 MiB: valid JSON padded with an unknown field (so only its size is wrong), and random bytes; and one byte over the limit.</summary>
    private static void Oversized(PayloadTemplate template, Random random, Action<string, byte[]> add)
    {
        add("1 MiB valid but padded", Padded(template, OneMebibyte));
        var noise = new byte[OneMebibyte];
        random.NextBytes(noise);
        add("1 MiB random", noise);
        add("limit + 1 byte, valid but padded", Padded(template, ProtocolJson.MaxPayloadBytes + 1));
    }

    private static byte[] Padded(PayloadTemplate template, int size)
    {
        var node = Parse(template).AsObject();
        node["pad"] = string.Empty;
        var bare = Encoding.UTF8.GetByteCount(node.ToJsonString());
        node["pad"] = new string('x', size - bare);
        var bytes = Encoding.UTF8.GetBytes(node.ToJsonString());
        return bytes.Length == size ? bytes : throw new InvalidOperationException($"padding made {bytes.Length} bytes, not {size}");
    }

    private static void DeepNesting(Action<string, byte[]> add)
    {
        const int depth = 100_000;
        add("arrays nested 100,000 deep", Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)));
        add("an id nested 100,000 deep", Encoding.UTF8.GetBytes("{\"v\":1,\"id\":" + new string('[', depth) + new string(']', depth) + "}"));
        var objects = new StringBuilder("{\"v\":1,\"id\":");
        for (var i = 0; i < 5_000; i++)
        {
            objects.Append("{\"a\":");
        }

        objects.Append("null").Append('}', 5_000).Append('}');
        add("objects nested 5,000 deep", Encoding.UTF8.GetBytes(objects.ToString()));
    }

    /// <summary>Values of a JSON type other than the original's (null is handled separately: it is valid for optional fields).</summary>
    private static IEnumerable<JsonNode> WrongTypesFor(JsonNode original) => original.GetValueKind() switch
    {
        JsonValueKind.String => [JsonValue.Create(12345), JsonValue.Create(true), new JsonObject(), new JsonArray()],
        JsonValueKind.Number => [JsonValue.Create("12"), JsonValue.Create(true), new JsonObject(), new JsonArray()],
        JsonValueKind.True or JsonValueKind.False => [JsonValue.Create("true"), JsonValue.Create(1), new JsonObject(), new JsonArray()],
        JsonValueKind.Object => [JsonValue.Create("object"), JsonValue.Create(1), new JsonArray()],
        JsonValueKind.Array => [JsonValue.Create("array"), JsonValue.Create(1), new JsonObject()],
        _ => [],
    };

    private static JsonNode Parse(PayloadTemplate template) => JsonNode.Parse(template.Valid)!;

    /// <summary>Every property and array element below the root, depth first; each path is property names and indexes.</summary>
    private static List<object[]> Paths(JsonNode root)
    {
        var paths = new List<object[]>();
        void Walk(JsonNode node, object[] at)
        {
            if (at.Length > 0)
            {
                paths.Add(at);
            }

            if (node is JsonObject obj)
            {
                foreach (var (name, child) in obj)
                {
                    if (child is not null)
                    {
                        Walk(child, [.. at, name]);
                    }
                }
            }
            else if (node is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } child)
                    {
                        Walk(child, [.. at, i]);
                    }
                }
            }
        }

        Walk(root, []);
        return paths;
    }

    private static JsonNode? Get(JsonNode root, object[] path) =>
        path.Aggregate<object, JsonNode?>(root, (node, step) => step is int i ? node![i] : node![(string)step]);

    private static JsonNode With(PayloadTemplate template, object[] path, JsonNode? value)
    {
        var root = Parse(template);
        var parent = Get(root, path[..^1])!;
        if (path[^1] is int index)
        {
            parent.AsArray()[index] = value;
        }
        else
        {
            parent.AsObject()[(string)path[^1]] = value;
        }

        return root;
    }

    private static JsonNode Without(PayloadTemplate template, object[] path)
    {
        var root = Parse(template);
        Get(root, path[..^1])!.AsObject().Remove((string)path[^1]);
        return root;
    }

    /// <summary>Puts raw bytes where the marker string is, inside its quotes.</summary>
    private static byte[] Splice(byte[] json, byte[] raw)
    {
        var marker = Encoding.UTF8.GetBytes(Marker);
        var at = json.AsSpan().IndexOf(marker);
        return [.. json[..at], .. raw, .. json[(at + marker.Length)..]];
    }
}
