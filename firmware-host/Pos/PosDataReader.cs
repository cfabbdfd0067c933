using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace KioskAssist.FirmwareHost.Pos;

/// <summary>Reads a POS event's <c>data</c> against its type's allow-list: every field known, each of the right shape.</summary>
public static partial class PosDataReader
{
    public const long MaxAmount = KioskAssist.Protocol.Messages.TransactionSummary.MaxTotal;

    /// <summary>The data, or null and what is wrong (naming the field only when its name is a plain word).</summary>
    public static (PosEventData? Data, string? Problem) Read(string type, object? data, FrozenDictionary<string, bool> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (data is null)
        {
            return fields.Any(f => f.Value) ? (null, $"{type} needs data") : (new PosEventData(), null);
        }

        if (data is not JsonElement { ValueKind: JsonValueKind.Object } json)
        {
            return (null, "data must be a JSON object");
        }

        var result = new PosEventData();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            if (!fields.ContainsKey(property.Name) || !seen.Add(property.Name))
            {
                return (null, $"data field {Name(property.Name)} is not allowed for {type}");
            }

            var (next, ok) = Apply(result, property.Name, property.Value);
            if (!ok)
            {
                return (null, $"data field {Name(property.Name)} has the wrong shape");
            }

            result = next;
        }

        var missing = fields.Where(f => f.Value && !seen.Contains(f.Key)).Select(f => f.Key).FirstOrDefault();
        return missing is null ? (result, null) : (null, $"data field '{missing}' is required for {type}");
    }

    private static (PosEventData Data, bool Ok) Apply(PosEventData d, string field, JsonElement value) => field switch
    {
        "method" => Word(value, PosEventTypes.Methods) is { } m ? (d with { Method = m }, true) : (d, false),
        "reasonCode" => value.ValueKind == JsonValueKind.String && ReasonCode().IsMatch(value.GetString()!) ? (d with { ReasonCode = value.GetString() }, true) : (d, false),
        "amount" => Whole(value, 0, MaxAmount) is { } a ? (d with { Amount = a }, true) : (d, false),
        "total" => Whole(value, 0, MaxAmount) is { } t ? (d with { Total = t }, true) : (d, false),
        "currency" => value.ValueKind == JsonValueKind.String && Currency().IsMatch(value.GetString()!) ? (d with { Currency = value.GetString() }, true) : (d, false),
        "itemCount" => Whole(value, 0, 10_000) is { } n ? (d with { ItemCount = (int)n }, true) : (d, false),
        "quantity" => Whole(value, 1, 1_000) is { } q ? (d with { Quantity = (int)q }, true) : (d, false),
        "expectedGrams" => Whole(value, 0, 1_000_000) is { } e ? (d with { ExpectedGrams = (int)e }, true) : (d, false),
        "measuredGrams" => Whole(value, 0, 1_000_000) is { } g ? (d with { MeasuredGrams = (int)g }, true) : (d, false),
        "minimumAge" => Whole(value, 1, 99) is { } y ? (d with { MinimumAge = (int)y }, true) : (d, false),
        "reason" => (Word(value, PosEventTypes.CouponReasons) ?? Word(value, PosEventTypes.LockReasons)) is { } r ? (d with { Reason = r }, true) : (d, false),
        _ => (d, false),
    };

    private static string? Word(JsonElement value, FrozenSet<string> allowed) =>
        value.ValueKind == JsonValueKind.String && allowed.Contains(value.GetString()!) ? value.GetString() : null;

    private static long? Whole(JsonElement value, long min, long max) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n >= min && n <= max ? n : null;

    private static string Name(string name) => PlainName().IsMatch(name) ? $"'{name}'" : "(a field with an unusual name)";

    [GeneratedRegex("^[0-9A-Z]{2}$")]
    private static partial Regex ReasonCode();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex Currency();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,39}$")]
    private static partial Regex PlainName();
}
