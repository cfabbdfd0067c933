using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.Protocol;

/// <summary>
/// Encodes and decodes protocol payloads (UTF-8 JSON, camelCase, enums as snake_case strings).
/// Decoding treats every payload as hostile: size-limited, version-checked, strictly typed, then validated.
/// </summary>
public static class ProtocolJson
{
    /// <summary>Largest payload accepted; a request with a full transcript is far below this.</summary>
    public const int MaxPayloadBytes = 256 * 1024;

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { EnumsByName() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.Strict,
        MaxDepth = 16,
    };

    /// <summary>
    /// What decoding uses: <see cref="Options"/> plus "a field the type cannot do without must be there and not null"
    /// (constructor parameters without a default, non-nullable references, and <c>"v"</c>), and enums by their exact
    /// name (<see cref="ExactEnumConverter"/>). Kept apart from
    /// <see cref="Options"/>, which also serves the hosts' own files and views, where those checks are not wanted.
    /// </summary>
    private static readonly JsonSerializerOptions Strict = CreateStrict();

    /// <summary>
    /// Enums as snake_case names, never numbers: the one converter the protocol, the hosts' HTTP APIs and kafleet's JSON
    /// all use, so a value reads the same on the wire, on a page and in a script.
    /// </summary>
    public static JsonStringEnumConverter EnumsByName() => new(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false);

    public static byte[] Encode<T>(T message) where T : IProtocolMessage => JsonSerializer.SerializeToUtf8Bytes(message, Options);

    /// <summary>Decodes and validates; on failure returns false with the reason.</summary>
    public static bool TryDecode<T>(ReadOnlySequence<byte> payload, [NotNullWhen(true)] out T? message, [NotNullWhen(false)] out string? problem) where T : class, IProtocolMessage =>
        TryDecode(payload, out message, out problem, out _);

    /// <summary>Decodes and validates; on failure returns false with the reason for the log and its kind for the counters.</summary>
    public static bool TryDecode<T>(ReadOnlySequence<byte> payload, [NotNullWhen(true)] out T? message, [NotNullWhen(false)] out string? problem, out DecodeFailure failure)
        where T : class, IProtocolMessage
    {
        message = null;
        failure = DecodeFailure.Malformed;
        if (payload.Length == 0)
        {
            problem = "empty payload";
            return false;
        }

        if (payload.Length > MaxPayloadBytes)
        {
            failure = DecodeFailure.Oversized;
            problem = $"payload of {payload.Length} bytes is over the {MaxPayloadBytes}-byte limit";
            return false;
        }

        // A newer peer may change the shape entirely: say "version", not "malformed", whatever the rest looks like.
        if (PeekVersion(payload) is { } version && version != ProtocolVersion.Current)
        {
            failure = DecodeFailure.UnsupportedVersion;
            problem = $"unsupported version {version}";
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = Strict.MaxDepth });
            message = JsonSerializer.Deserialize<T>(ref reader, Strict);
        }
        catch (JsonException e)
        {
            problem = $"not a valid {typeof(T).Name}: {e.Message}";
            return false;
        }
        catch (InvalidOperationException e)
        {
            problem = $"not a valid {typeof(T).Name}: {e.Message}";
            return false;
        }

        problem = message is null ? "null payload" : message.Validate();
        if (problem is not null)
        {
            failure = problem.StartsWith("unsupported version", StringComparison.Ordinal) ? DecodeFailure.UnsupportedVersion : DecodeFailure.Malformed;
            message = null;
            return false;
        }

        failure = DecodeFailure.None;
        return message is not null;
    }

    /// <summary>The top-level <c>"v"</c> when the payload is a JSON object that has an integer one; null otherwise.</summary>
    private static int? PeekVersion(ReadOnlySequence<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = Strict.MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isVersion = reader.ValueTextEquals("v"u8);
                reader.Read();
                if (isVersion)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v) ? v : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the full decode says what is wrong.
        }

        return null;
    }

    private static JsonSerializerOptions CreateStrict()
    {
        var strict = new JsonSerializerOptions(Options)
        {
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RequireVersion, NullableMayBeAbsent } },
        };
        strict.Converters.Insert(0, new ExactEnumConverter()); // first, so it wins over the lenient one copied from Options
        return strict;
    }

    /// <summary>
    /// A nullable constructor parameter (<c>string? Reason</c>) may be left out: senders write nothing for null
    /// (<see cref="JsonIgnoreCondition.WhenWritingNull"/>), so requiring it would refuse every such message.
    /// </summary>
    private static void NullableMayBeAbsent(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties.Where(p => p.AssociatedParameter is { IsNullable: true } && p.Name != "v"))
        {
            property.IsRequired = false;
        }
    }

    /// <summary>Every payload must say its version; without it a receiver cannot know it speaks it.</summary>
    private static void RequireVersion(JsonTypeInfo info)
    {
        if (info.Kind == JsonTypeInfoKind.Object && info.Type.IsAssignableTo(typeof(IProtocolMessage)))
        {
            foreach (var property in info.Properties.Where(p => p.Name == "v"))
            {
                property.IsRequired = true;
            }
        }
    }
}
